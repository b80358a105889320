import { getReviewQueue } from "@/lib/db/progress";
import { PRIVATE } from "@/lib/http/contract";
import { route } from "@/lib/http/route";
import { progressApi } from "@/lib/schemas/progress";

/** The review items due now (FSRS) and when the next one falls due. */
export const GET = route(progressApi.review, async ({ user }) => ({ data: await getReviewQueue({ userId: user.id }), cache: PRIVATE }));
