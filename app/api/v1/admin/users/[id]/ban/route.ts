import { NextResponse } from "next/server";
import { banUser, unbanUser } from "@/lib/db/users";
import { route } from "@/lib/http/route";
import { ZBanRequest, ZUserIdParams } from "@/lib/schemas/auth";

export const POST = route({ auth: "moderator", params: ZUserIdParams, body: ZBanRequest }, async ({ user, params, body }) => {
  return NextResponse.json({ user: await banUser({ actor: user, userId: params.id, reason: body.reason }) });
});

export const DELETE = route({ auth: "moderator", params: ZUserIdParams }, async ({ user, params }) => {
  return NextResponse.json({ user: await unbanUser({ actor: user, userId: params.id }) });
});
