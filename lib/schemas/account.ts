import { z } from "zod";
import { endpoint } from "@/lib/http/contract";
import { ZChangePasswordRequest, ZDeleteAccountRequest, ZMessage, ZRole } from "./auth";

/** The signed-in user's own account: who am I, password, sessions, export, deletion (docs/API.md). */

const ZTime = z.string().meta({ description: "An ISO date-time, e.g. 2026-05-28T10:00:00.000Z" });
const rows = (what: string) => z.array(z.record(z.string(), z.unknown())).meta({ description: `Every ${what} row stored about the user, as stored` });

export const ZMe = z.object({
  user: z
    .object({ id: z.uuid(), name: z.string(), email: z.string(), role: ZRole, createdAt: ZTime, hasPassword: z.boolean() })
    .nullable()
    .meta({ description: "null for guests" }),
});

export const ZExport = z.object({
  exportedAt: ZTime,
  user: z.record(z.string(), z.unknown()).meta({ description: "The account row (no password hash), linked sign-in providers and reset tokens' dates" }),
  progress: z.object({
    lessons: rows("lesson progress"),
    quizAttempts: rows("quiz attempt"),
    reviewItems: rows("review item"),
    solvedExercises: rows("solved exercise"),
    mutations: rows("applied mutation"),
  }),
  discussion: z.object({
    threads: rows("thread"),
    posts: rows("post"),
    votes: rows("vote"),
    reports: rows("report"),
    notifications: rows("notification"),
  }),
  moderationHistory: z.array(z.object({ action: z.string(), reason: z.string().nullable(), createdAt: ZTime })),
});

const account = { tag: "Account" } as const;

export const accountApi = {
  me: endpoint({
    ...account,
    auth: "optional",
    method: "GET",
    path: "/api/v1/me",
    summary: "Who is signed in (`{ user: null }` for guests); a session in use slides",
    response: ZMe,
  }),
  deleteAccount: endpoint({
    ...account,
    auth: "user",
    method: "DELETE",
    path: "/api/v1/me",
    summary: "Delete the account and its personal data (posts stay, shown as [deleted account])",
    body: ZDeleteAccountRequest,
    response: z.object({ deleted: z.literal(true) }),
    errors: [{ status: 403, description: "The password is not correct" }],
  }),
  changePassword: endpoint({
    ...account,
    auth: "user",
    method: "POST",
    path: "/api/v1/me/password",
    summary: "Change the password: every session ends, then this browser is signed in again",
    body: ZChangePasswordRequest,
    response: ZMessage,
    errors: [{ status: 403, description: "The current password is not correct" }],
  }),
  signOutEverywhere: endpoint({
    ...account,
    auth: "user",
    method: "DELETE",
    path: "/api/v1/me/sessions",
    summary: '"Sign out of all devices": every session token, this one included, stops working',
    response: z.object({ signedOut: z.literal("everywhere") }),
  }),
  export: endpoint({
    ...account,
    auth: "user",
    method: "GET",
    path: "/api/v1/me/export",
    summary: "Everything stored about the user, as a JSON download",
    response: ZExport,
  }),
};
