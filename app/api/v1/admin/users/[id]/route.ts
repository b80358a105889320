import { setUserRole } from "@/lib/db/users";
import { PRIVATE } from "@/lib/http/contract";
import { route } from "@/lib/http/route";
import { adminApi } from "@/lib/schemas/admin";

export const PATCH = route(adminApi.setRole, async ({ user, params, body }) => ({
  data: { user: await setUserRole({ actorId: user.id, userId: params.id, role: body.role }) },
  cache: PRIVATE,
}));
