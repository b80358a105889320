import { NextResponse } from "next/server";
import { oauthProviders } from "@/lib/auth/config";
import { route } from "@/lib/http/route";

/** OAuth providers switched on by environment variables (none by default). */
export const GET = route({}, async () => NextResponse.json({ providers: oauthProviders }));
