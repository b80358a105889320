import { getTrackSummaries } from "@/lib/content/api";
import { route } from "@/lib/http/route";
import { cachedJson } from "@/lib/http/respond";

export const GET = route({}, async ({ req }) => cachedJson(req, getTrackSummaries()));
