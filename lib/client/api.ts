/**
 * The browser's one way to call the JSON API (issue 14): same-origin fetch with JSON bodies, every
 * failure mapped once to an ApiError (error JSON, non-JSON answers, no network), one retry policy
 * for reads, and one "signed out" signal when the server answers 401.
 */

import { SIGNED_IN_HINT_KEY } from "@/lib/theme/script";

export type TFieldErrors = Record<string, string[]>;

export const NETWORK_MESSAGE = "Could not reach the server. Check your connection and try again.";
const UNEXPECTED_MESSAGE = "Something went wrong on our side. Try again in a moment.";

/** What went wrong with a request, ready to show: for 429 the message already says how long to wait. */
export class ApiError extends Error {
  constructor(
    /** HTTP status; 0 when the server could not be reached. */
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: TFieldErrors = {},
    /** Seconds from the Retry-After header, when the server sent one. */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** Kept for the islands' signatures: a failure is an ApiError. */
export type TApiFailure = ApiError;

export type TApiResult<T> = { ok: true; status: number; data: T } | { ok: false; error: ApiError };

/** 42 -> "42 seconds", 150 -> "3 minutes", 7200 -> "2 hours". */
export function formatWait(seconds: number): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;
  if (seconds < 60) return plural(Math.max(1, Math.ceil(seconds)), "second");
  if (seconds < 90 * 60) return plural(Math.ceil(seconds / 60), "minute");
  return plural(Math.ceil(seconds / 3600), "hour");
}

type ErrorJson = { error?: { code?: unknown; message?: unknown; fields?: unknown; requestId?: unknown } };

function errorFrom(res: Response, json: unknown): ApiError {
  const error = (json as ErrorJson | null)?.error;
  let message = typeof error?.message === "string" && error.message ? error.message : UNEXPECTED_MESSAGE;
  const code = typeof error?.code === "string" ? error.code : "UNKNOWN";
  const fields: TFieldErrors = {};
  if (error?.fields && typeof error.fields === "object") {
    for (const [name, list] of Object.entries(error.fields as Record<string, unknown>)) {
      if (Array.isArray(list)) fields[name] = list.filter((m): m is string => typeof m === "string");
    }
  }
  const header = Number(res.headers.get("Retry-After"));
  const retryAfter = Number.isFinite(header) && header > 0 ? header : undefined;
  if (res.status === 429 && retryAfter !== undefined) message = `${message} You can try again in ${formatWait(retryAfter)}.`;
  if (res.status >= 500 && typeof error?.requestId === "string") message = `${message} (Request id: ${error.requestId})`;
  return new ApiError(res.status, code, message, fields, retryAfter);
}

/** Fired on `window` whenever the server answers 401: the session is gone, whichever island noticed. */
export const SIGNED_OUT_EVENT = "lnv:signed-out";

/** Where to send someone to sign in and come back to this page. */
export function signInHref(): string {
  const here = typeof location === "undefined" ? "/" : location.pathname + location.search;
  return here === "/" ? "/login" : `/login?next=${encodeURIComponent(here)}`;
}

/** Subscribes to SIGNED_OUT_EVENT; returns the unsubscribe function. */
export function onSignedOut(listener: () => void): () => void {
  if (typeof window === "undefined") return () => undefined;
  window.addEventListener(SIGNED_OUT_EVENT, listener);
  return () => window.removeEventListener(SIGNED_OUT_EVENT, listener);
}

/**
 * Keeps the pre-paint hint (lib/theme/script.ts) in step with who is signed in, and the page with it.
 * fetchMe calls it with each answer, every 401 with false; sign-in, sign-out and account deletion call
 * it just before their full page load, so the next page is laid out right from its first paint.
 */
export function rememberSignedIn(signedIn: boolean) {
  try {
    if (signedIn) localStorage.setItem(SIGNED_IN_HINT_KEY, "1");
    else localStorage.removeItem(SIGNED_IN_HINT_KEY);
    document.documentElement.classList.toggle("signed-in", signedIn);
  } catch {
    // storage refused (private mode), or no document (tests): the bell's slot then appears with the bell
  }
}

function signedOut() {
  if (typeof window === "undefined") return;
  rememberSignedIn(false);
  window.dispatchEvent(new Event(SIGNED_OUT_EVENT));
}

/**
 * The retry policy: only reads are retried (a write may have been applied before the answer was
 * lost; the progress outbox has its own idempotent resend), only when the network failed or a proxy
 * or instance was briefly unavailable, at most twice, waiting longer each time or as Retry-After says.
 */
const RETRY_STATUSES = new Set([0, 502, 503, 504]);
export const RETRY_DELAYS_MS = [300, 1000];
const MAX_RETRY_WAIT_MS = 5000;

export type TApiInit = {
  method?: string;
  body?: unknown;
  /** Waits between attempts of a GET; [] turns retries off. */
  retryDelaysMs?: readonly number[];
  signal?: AbortSignal;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function attempt<T>(url: string, init: TApiInit): Promise<TApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: init.method ?? "GET",
      credentials: "same-origin",
      cache: "no-store",
      headers:
        init.body === undefined ? { Accept: "application/json" } : { Accept: "application/json", "Content-Type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: init.signal,
    });
  } catch {
    return { ok: false, error: new ApiError(0, "NETWORK", NETWORK_MESSAGE) };
  }
  let json: unknown = null;
  try {
    json = await res.json();
  } catch {
    // an empty or non-JSON answer (a proxy's error page, say)
  }
  if (!res.ok) return { ok: false, error: errorFrom(res, json) };
  if (json === null) return { ok: false, error: new ApiError(res.status, "BAD_RESPONSE", UNEXPECTED_MESSAGE) };
  return { ok: true, status: res.status, data: json as T };
}

/** One API call; never throws. */
export async function apiFetch<T>(url: string, init: TApiInit = {}): Promise<TApiResult<T>> {
  const delays = (init.method ?? "GET") === "GET" ? (init.retryDelaysMs ?? RETRY_DELAYS_MS) : [];
  for (let i = 0; ; i++) {
    const result = await attempt<T>(url, init);
    if (result.ok) return result;
    if (result.error.status === 401) signedOut();
    if (i >= delays.length || !RETRY_STATUSES.has(result.error.status) || init.signal?.aborted) return result;
    const asked = result.error.retryAfter;
    await sleep(Math.min(asked !== undefined ? asked * 1000 : (delays[i] ?? 0), MAX_RETRY_WAIT_MS));
  }
}

/** A GET for code that prefers exceptions (promise chains in effects): the data, or throws its ApiError. */
export async function apiGet<T>(url: string, init: Omit<TApiInit, "method" | "body"> = {}): Promise<T> {
  const result = await apiFetch<T>(url, init);
  if (!result.ok) throw result.error;
  return result.data;
}
