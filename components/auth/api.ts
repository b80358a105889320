/**
 * Account helpers shared by the auth, admin and header islands. Requests go through the one API
 * client (lib/client/api.ts).
 */

import { safeNextPath } from "@/lib/format";
import { apiFetch, onSignedOut, rememberSignedIn } from "@/lib/client/api";

export type TRole = "LEARNER" | "MODERATOR" | "ADMIN";

/** `GET /api/v1/me` (dates arrive as ISO strings). */
export type TMe = { id: string; name: string; email: string; role: TRole; createdAt: string; hasPassword: boolean };

let me: Promise<TMe | null> | null = null;
// A 401 anywhere means the session ended: the next island to ask gets a fresh answer.
onSignedOut(() => {
  me = null;
});
/**
 * Who is signed in, asked once per page load and shared by every island (header menu, bell, …).
 * Sign-in and sign-out reload the page, which starts a new cache. Null for guests or when offline.
 */
export function fetchMe(): Promise<TMe | null> {
  me ??= apiFetch<{ user: TMe | null }>("/api/v1/me").then((res) => {
    if (!res.ok) return null;
    rememberSignedIn(res.data.user !== null);
    return res.data.user;
  });
  return me;
}

export const ROLE_LABELS: Record<TRole, string> = { LEARNER: "Learner", MODERATOR: "Moderator", ADMIN: "Admin" };

/** "2026-05-28T10:00:00.000Z" -> "May 28, 2026" (UTC, so every visitor sees the same day). */
export function formatDay(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleDateString("en-US", { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });
}

export { safeNextPath };

/** Where sign-in and sign-up lead: `next`, unless that is another sign-in page (or missing). */
export function nextAfterSignIn(raw: string | null): string {
  const path = safeNextPath(raw);
  return /^\/(login|signup|forgot-password|reset-password)(?=[/?#]|$)/.test(path) ? "/" : path;
}

/** `/signup` + `?next=...` when there is somewhere to go back to. */
export function withNext(path: string, next: string | null): string {
  const safe = safeNextPath(next);
  return safe === "/" ? path : `${path}?next=${encodeURIComponent(safe)}`;
}
