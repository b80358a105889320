import { getLessonExercises } from "@/lib/content/api";
import { PUBLIC_CONTENT } from "@/lib/http/contract";
import { route } from "@/lib/http/route";
import { labApi } from "@/lib/schemas/lab";

export const GET = route(labApi.exercises, async ({ params }) => ({ data: getLessonExercises(params), cache: PUBLIC_CONTENT }));
