import { banUser, unbanUser } from "@/lib/db/users";
import { PRIVATE } from "@/lib/http/contract";
import { route } from "@/lib/http/route";
import { adminApi } from "@/lib/schemas/admin";

export const POST = route(adminApi.ban, async ({ user, params, body }) => ({
  data: { user: await banUser({ actorId: user.id, userId: params.id, reason: body.reason }) },
  cache: PRIVATE,
}));

export const DELETE = route(adminApi.unban, async ({ user, params }) => ({
  data: { user: await unbanUser({ actorId: user.id, userId: params.id }) },
  cache: PRIVATE,
}));
