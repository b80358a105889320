import { getLessonDiff } from "@/lib/content/api";
import { PUBLIC_CONTENT } from "@/lib/http/contract";
import { route } from "@/lib/http/route";
import { contentApi } from "@/lib/schemas/content";

export const GET = route(contentApi.diff, async ({ params, query }) => ({
  data: getLessonDiff({ ...params, ...query }),
  cache: PUBLIC_CONTENT,
}));
