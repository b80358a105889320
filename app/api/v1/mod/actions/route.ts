import { moderate } from "@/lib/db/discussion";
import { PRIVATE } from "@/lib/http/contract";
import { route } from "@/lib/http/route";
import { moderationApi } from "@/lib/schemas/moderation";

/** One moderation action, written with its audit row in one transaction. */
export const POST = route(moderationApi.action, async ({ user, body }) => ({
  data: await moderate({ actorId: user.id, request: body }),
  cache: PRIVATE,
}));
