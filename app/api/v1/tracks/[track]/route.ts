import { getTrackDetail } from "@/lib/content/api";
import { route } from "@/lib/http/route";
import { cachedJson } from "@/lib/http/respond";
import { ZTrackParams } from "@/lib/schemas/content";

export const GET = route({ params: ZTrackParams }, async ({ req, params }) => cachedJson(req, getTrackDetail(params.track)));
