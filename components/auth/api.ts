/**
 * The browser side of the JSON API: same-origin fetch with JSON bodies, and one failure shape for
 * every way a request can go wrong (error JSON, non-JSON answers, no network).
 */

import { safeNextPath } from "@/lib/format";
import { SIGNED_IN_HINT_KEY } from "@/lib/theme/script";

export type TFieldErrors = Record<string, string[]>;

export type TApiFailure = {
  /** HTTP status; 0 when the server could not be reached. */
  status: number;
  code: string;
  /** Ready to show: for 429 it already says how long to wait. */
  message: string;
  fields: TFieldErrors;
};

export type TApiResult<T> = { ok: true; status: number; data: T } | { ok: false; error: TApiFailure };

export const NETWORK_MESSAGE = "Could not reach the server. Check your connection and try again.";
const UNEXPECTED_MESSAGE = "Something went wrong on our side. Try again in a moment.";

/** 42 -> "42 seconds", 150 -> "3 minutes", 7200 -> "2 hours". */
export function formatWait(seconds: number): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;
  if (seconds < 60) return plural(Math.max(1, Math.ceil(seconds)), "second");
  if (seconds < 90 * 60) return plural(Math.ceil(seconds / 60), "minute");
  return plural(Math.ceil(seconds / 3600), "hour");
}

type ErrorJson = { error?: { code?: unknown; message?: unknown; fields?: unknown; requestId?: unknown } };

function failureFrom(res: Response, json: unknown): TApiFailure {
  const error = (json as ErrorJson | null)?.error;
  let message = typeof error?.message === "string" && error.message ? error.message : UNEXPECTED_MESSAGE;
  const code = typeof error?.code === "string" ? error.code : "UNKNOWN";
  const fields: TFieldErrors = {};
  if (error?.fields && typeof error.fields === "object") {
    for (const [name, list] of Object.entries(error.fields as Record<string, unknown>)) {
      if (Array.isArray(list)) fields[name] = list.filter((m): m is string => typeof m === "string");
    }
  }
  if (res.status === 429) {
    const retry = Number(res.headers.get("Retry-After"));
    if (Number.isFinite(retry) && retry > 0) message = `${message} You can try again in ${formatWait(retry)}.`;
  }
  if (res.status >= 500 && typeof error?.requestId === "string")
    message = `${message} (Request id: ${error.requestId})`;
  return { status: res.status, code, message, fields };
}

export async function apiFetch<T>(url: string, init: { method?: string; body?: unknown } = {}): Promise<TApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: init.method ?? "GET",
      credentials: "same-origin",
      cache: "no-store",
      headers:
        init.body === undefined
          ? { Accept: "application/json" }
          : { Accept: "application/json", "Content-Type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch {
    return { ok: false, error: { status: 0, code: "NETWORK", message: NETWORK_MESSAGE, fields: {} } };
  }
  let json: unknown = null;
  try {
    json = await res.json();
  } catch {
    // an empty or non-JSON answer (a proxy's error page, say)
  }
  if (!res.ok) return { ok: false, error: failureFrom(res, json) };
  if (json === null)
    return { ok: false, error: { status: res.status, code: "BAD_RESPONSE", message: UNEXPECTED_MESSAGE, fields: {} } };
  return { ok: true, status: res.status, data: json as T };
}

export type TRole = "LEARNER" | "MODERATOR" | "ADMIN";

/** `GET /api/v1/me` (dates arrive as ISO strings). */
export type TMe = { id: string; name: string; email: string; role: TRole; createdAt: string; hasPassword: boolean };

let me: Promise<TMe | null> | null = null;
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

/**
 * Keeps the pre-paint hint (lib/theme/script.ts) in step with who is signed in, and the page with it.
 * fetchMe calls it with each answer; sign-in, sign-out and account deletion call it just before their
 * full page load, so the next page is laid out right from its first paint.
 */
export function rememberSignedIn(signedIn: boolean) {
  try {
    if (signedIn) localStorage.setItem(SIGNED_IN_HINT_KEY, "1");
    else localStorage.removeItem(SIGNED_IN_HINT_KEY);
    document.documentElement.classList.toggle("signed-in", signedIn);
  } catch {
    // storage refused (private mode): the bell's slot then appears with the bell
  }
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
