import { getDatasetPayload } from "@/lib/content/api";
import { route } from "@/lib/http/route";
import { cachedJson } from "@/lib/http/respond";
import { ZDatasetParams } from "@/lib/schemas/content";

export const GET = route({ params: ZDatasetParams }, async ({ req, params }) => cachedJson(req, getDatasetPayload(params)));
