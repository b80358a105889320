import { NextResponse } from "next/server";
import { setUserRole } from "@/lib/db/users";
import { route } from "@/lib/http/route";
import { ZSetRoleRequest, ZUserIdParams } from "@/lib/schemas/auth";

export const PATCH = route({ auth: "admin", params: ZUserIdParams, body: ZSetRoleRequest }, async ({ user, params, body }) => {
  const updated = await setUserRole({ actor: user, userId: params.id, role: body.role });
  return NextResponse.json({ user: updated });
});
