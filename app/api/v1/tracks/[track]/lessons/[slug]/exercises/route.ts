import { getLessonExercises as lessonExercises } from "@/lib/content/api";
import { PUBLIC_CONTENT } from "@/lib/http/contract";
import { route } from "@/lib/http/route";
import { getLessonExercises } from "@/lib/schemas/lab";

export const GET = route(getLessonExercises, async ({ params }) => ({ data: lessonExercises(params), cache: PUBLIC_CONTENT }));
