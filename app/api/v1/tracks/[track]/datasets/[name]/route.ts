import { getDatasetPayload } from "@/lib/content/api";
import { PUBLIC_CONTENT } from "@/lib/http/contract";
import { route } from "@/lib/http/route";
import { getDataset } from "@/lib/schemas/lab";

export const GET = route(getDataset, async ({ params }) => ({ data: getDatasetPayload(params), cache: PUBLIC_CONTENT }));
