import { createThread, listThreads } from "@/lib/db/discussion";
import { PRIVATE } from "@/lib/http/contract";
import { route } from "@/lib/http/route";
import { discussionApi } from "@/lib/schemas/discussion";

/** A lesson's threads, for everyone (moderators also see hidden ones). */
export const GET = route(discussionApi.threads, async ({ user, params, query }) => ({
  data: await listThreads({ viewerId: user?.id ?? null, lessonId: params.lessonId, sort: query.sort, page: query.page }),
  cache: PRIVATE,
}));

export const POST = route(discussionApi.createThread, async ({ user, params, body }) => ({
  data: await createThread({ userId: user.id, lessonId: params.lessonId, title: body.title, body: body.body }),
  cache: PRIVATE,
}));
