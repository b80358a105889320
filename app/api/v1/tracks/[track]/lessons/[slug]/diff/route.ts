import { getLessonDiff as diffLesson } from "@/lib/content/api";
import { PUBLIC_CONTENT } from "@/lib/http/contract";
import { route } from "@/lib/http/route";
import { getLessonDiff } from "@/lib/schemas/content";

export const GET = route(getLessonDiff, async ({ params, query }) => ({
  data: diffLesson({ ...params, ...query }),
  cache: PUBLIC_CONTENT,
}));
