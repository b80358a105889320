import { getCapstoneExercises } from "@/lib/content/api";
import { PUBLIC_CONTENT } from "@/lib/http/contract";
import { route } from "@/lib/http/route";
import { labApi } from "@/lib/schemas/lab";

export const GET = route(labApi.capstoneExercises, async ({ params }) => ({ data: getCapstoneExercises(params), cache: PUBLIC_CONTENT }));
