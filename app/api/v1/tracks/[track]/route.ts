import { getTrackDetail } from "@/lib/content/api";
import { PUBLIC_CONTENT } from "@/lib/http/contract";
import { route } from "@/lib/http/route";
import { contentApi } from "@/lib/schemas/content";

export const GET = route(contentApi.track, async ({ params }) => ({ data: getTrackDetail(params.track), cache: PUBLIC_CONTENT }));
