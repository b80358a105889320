import { getLessonExercises } from "@/lib/content/api";
import { route } from "@/lib/http/route";
import { cachedJson } from "@/lib/http/respond";
import { ZLessonParams } from "@/lib/schemas/content";

export const GET = route({ params: ZLessonParams }, async ({ req, params }) => cachedJson(req, getLessonExercises(params)));
