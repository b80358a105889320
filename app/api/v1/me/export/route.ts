import { NextResponse } from "next/server";
import { exportUserData } from "@/lib/db/account";
import { route } from "@/lib/http/route";

export const GET = route({ auth: "user" }, async ({ user }) => {
  const data = await exportUserData(user.id);
  return NextResponse.json(data, {
    headers: {
      "Cache-Control": "private, no-store",
      "Content-Disposition": `attachment; filename="learn-netverks-export-${new Date().toISOString().slice(0, 10)}.json"`,
    },
  });
});
