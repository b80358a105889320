import { getLessonDiff } from "@/lib/content/api";
import { route } from "@/lib/http/route";
import { cachedJson } from "@/lib/http/respond";
import { ZDiffQuery, ZLessonParams } from "@/lib/schemas/content";

export const GET = route({ params: ZLessonParams, query: ZDiffQuery }, async ({ req, params, query }) =>
  cachedJson(req, getLessonDiff({ ...params, ...query })),
);
