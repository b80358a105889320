import { deleteThread, getThread, updateThread } from "@/lib/db/discussion";
import { PRIVATE } from "@/lib/http/contract";
import { route } from "@/lib/http/route";
import { discussionApi } from "@/lib/schemas/discussion";

export const GET = route(discussionApi.thread, async ({ user, params, query }) => ({
  data: await getThread({ viewerId: user?.id ?? null, threadId: params.id, sort: query.sort, page: query.page }),
  cache: PRIVATE,
}));

/** The author changes the title and/or the opening post. */
export const PATCH = route(discussionApi.updateThread, async ({ user, params, body }) => ({
  data: await updateThread({ userId: user.id, threadId: params.id, title: body.title, body: body.body }),
  cache: PRIVATE,
}));

/** The author deletes the opening post (soft); replies stay. */
export const DELETE = route(discussionApi.deleteThread, async ({ user, params }) => ({
  data: await deleteThread({ userId: user.id, threadId: params.id }),
  cache: PRIVATE,
}));
