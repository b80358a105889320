import { z } from "zod";
import { contracts } from "@/lib/http/contract";
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

const account = contracts("Account", "user");

export const accountApi = {
  me: account.get("/api/v1/me", "Who is signed in (`{ user: null }` for guests); a session in use slides", { auth: "optional", response: ZMe }),
  deleteAccount: account.delete("/api/v1/me", "Delete the account and its personal data (posts stay, shown as [deleted account])",
    { body: ZDeleteAccountRequest, response: z.object({ deleted: z.literal(true) }), errors: { 403: "The password is not correct" } }),
  changePassword: account.post("/api/v1/me/password", "Change the password: every session ends, then this browser is signed in again",
    { body: ZChangePasswordRequest, response: ZMessage, errors: { 403: "The current password is not correct" } }),
  signOutEverywhere: account.delete("/api/v1/me/sessions", '"Sign out of all devices": every session token, this one included, stops working',
    { response: z.object({ signedOut: z.literal("everywhere") }) }),
  export: account.get("/api/v1/me/export", "Everything stored about the user, as a JSON download", { response: ZExport }),
};
