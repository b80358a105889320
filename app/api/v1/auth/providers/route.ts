import { oauthProviders } from "@/lib/auth/config";
import { NO_STORE } from "@/lib/http/contract";
import { route } from "@/lib/http/route";
import { mailDelivery } from "@/lib/mail";
import { authApi } from "@/lib/schemas/auth";

/**
 * OAuth providers switched on by environment variables (none by default), and how this server
 * delivers mail ("outbox": to its log and data/outbox, as a local `npm start` does), so the sign-up
 * page can tell a local user where the confirmation link went.
 */
export const GET = route(authApi.providers, async () => ({ data: { providers: oauthProviders, mail: mailDelivery() }, cache: NO_STORE }));
