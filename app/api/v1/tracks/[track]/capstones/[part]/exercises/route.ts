import { getCapstoneExercises } from "@/lib/content/api";
import { route } from "@/lib/http/route";
import { cachedJson } from "@/lib/http/respond";
import { ZCapstoneParams } from "@/lib/schemas/content";

export const GET = route({ params: ZCapstoneParams }, async ({ req, params }) => cachedJson(req, getCapstoneExercises(params)));
