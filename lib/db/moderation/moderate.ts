import type { TModAction } from "@/lib/domain/moderation";
import type { TModActionRequest } from "@/lib/schemas/discussion";
import { dismissReports, hidePost, removePost, unhidePost } from "./post-actions";
import { requireStaff, type TStaff } from "./staff";
import { lockThread, pinThread, unlockThread, unpinThread } from "./thread-actions";
import { banFromModeration, silenceUser, unbanFromModeration, unsilenceUser } from "./user-actions";

type TRequestOf<A extends TModAction> = Extract<TModActionRequest, { action: A }>;
type THandlers = { [A in TModAction]: (actor: TStaff, request: TRequestOf<A>) => Promise<unknown> };

/** One function per action; each writes its change and its audit row in one transaction. */
const HANDLERS = {
  dismiss: dismissReports,
  hide: hidePost,
  unhide: unhidePost,
  remove: removePost,
  lock: lockThread,
  unlock: unlockThread,
  pin: pinThread,
  unpin: unpinThread,
  silence: silenceUser,
  unsilence: unsilenceUser,
  ban: banFromModeration,
  unban: unbanFromModeration,
} satisfies THandlers;

type TResult = Awaited<ReturnType<(typeof HANDLERS)[TModAction]>>;

/** One moderation action (POST /mod/actions) by the staff member route() read for the request. */
export async function moderate(input: { actor: TStaff; request: TModActionRequest }): Promise<TResult> {
  requireStaff(input.actor);
  const handler = HANDLERS[input.request.action] as (actor: TStaff, request: TModActionRequest) => Promise<TResult>;
  return handler(input.actor, input.request);
}
