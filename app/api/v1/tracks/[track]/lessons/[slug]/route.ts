import { getLessonPayload } from "@/lib/content/api";
import { PUBLIC_CONTENT } from "@/lib/http/contract";
import { route } from "@/lib/http/route";
import { contentApi } from "@/lib/schemas/content";

export const GET = route(contentApi.lesson, async ({ params, query }) => ({
  data: getLessonPayload({ ...params, version: query.version }),
  cache: PUBLIC_CONTENT,
}));
