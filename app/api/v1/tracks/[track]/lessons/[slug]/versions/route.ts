import { getLessonVersions } from "@/lib/content/api";
import { PUBLIC_CONTENT } from "@/lib/http/contract";
import { route } from "@/lib/http/route";
import { listLessonVersions } from "@/lib/schemas/content";

export const GET = route(listLessonVersions, async ({ params }) => ({ data: getLessonVersions(params), cache: PUBLIC_CONTENT }));
