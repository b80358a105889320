import { getDatasetPayload } from "@/lib/content/api";
import { PUBLIC_CONTENT } from "@/lib/http/contract";
import { route } from "@/lib/http/route";
import { labApi } from "@/lib/schemas/lab";

export const GET = route(labApi.dataset, async ({ params }) => ({ data: getDatasetPayload(params), cache: PUBLIC_CONTENT }));
