import { createReply } from "@/lib/db/discussion";
import { PRIVATE } from "@/lib/http/contract";
import { route } from "@/lib/http/route";
import { discussionApi } from "@/lib/schemas/discussion";

/** A reply in the thread: to the opening post, or to `parentId`. */
export const POST = route(discussionApi.reply, async ({ user, params, body }) => ({
  data: await createReply({ userId: user.id, threadId: params.id, parentId: body.parentId, body: body.body }),
  cache: PRIVATE,
}));
