import { NextResponse } from "next/server";
import { listUsers } from "@/lib/db/users";
import { route } from "@/lib/http/route";
import { ZUserListQuery } from "@/lib/schemas/auth";

export const GET = route({ auth: "admin", query: ZUserListQuery }, async ({ user, query }) => {
  const result = await listUsers({ actor: user, q: query.q, page: query.page });
  return NextResponse.json(result, { headers: { "Cache-Control": "private, no-store" } });
});
