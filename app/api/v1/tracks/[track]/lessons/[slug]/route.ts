import { getLessonPayload } from "@/lib/content/api";
import { route } from "@/lib/http/route";
import { cachedJson } from "@/lib/http/respond";
import { ZLessonParams, ZLessonQuery } from "@/lib/schemas/content";

export const GET = route({ params: ZLessonParams, query: ZLessonQuery }, async ({ req, params, query }) =>
  cachedJson(req, getLessonPayload({ ...params, version: query.version })),
);
