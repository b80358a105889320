import { getTrackSummaries } from "@/lib/content/api";
import { PUBLIC_CONTENT } from "@/lib/http/contract";
import { route } from "@/lib/http/route";
import { contentApi } from "@/lib/schemas/content";

export const GET = route(contentApi.tracks, async () => ({ data: getTrackSummaries(), cache: PUBLIC_CONTENT }));
