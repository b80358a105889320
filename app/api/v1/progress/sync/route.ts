import { NextResponse } from "next/server";
import { syncProgress } from "@/lib/db/progress";
import { route } from "@/lib/http/route";
import { ZSyncRequest } from "@/lib/schemas/progress";

/** A batch of idempotent mutations from the browser's outbox; answers with the merged state. */
export const POST = route({ auth: "user", body: ZSyncRequest }, async ({ user, body }) =>
  NextResponse.json(await syncProgress({ userId: user.id, mutations: body.mutations }), { headers: { "Cache-Control": "private, no-store" } }),
);
