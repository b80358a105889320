import { z } from "zod";
import { contracts } from "@/lib/http/contract";
import { ZAuditQuery, ZModActionRequest, ZModReportsQuery, ZPostStatus, ZRoleName, ZTime, REPORT_REASONS } from "./discussion";

/** The moderation API: the report queue, one action at a time, and the audit log (docs/API.md). */

const pageFields = { page: z.number().int(), pageSize: z.number().int(), pages: z.number().int(), total: z.number().int() };

export const ZReportQueue = z.object({
  items: z.array(
    z.object({
      post: z.object({
        id: z.uuid(),
        depth: z.number().int(),
        status: ZPostStatus,
        deleted: z.boolean(),
        bodyHtml: z.string().nullable(),
        createdAt: ZTime,
        editedAt: ZTime.nullable(),
        helpfulCount: z.number().int(),
      }),
      author: z
        .object({ id: z.uuid(), name: z.string(), role: ZRoleName, bannedAt: ZTime.nullable(), silencedUntil: ZTime.nullable() })
        .nullable(),
      thread: z.object({ id: z.uuid(), title: z.string(), lessonId: z.uuid(), locked: z.boolean(), pinned: z.boolean(), status: ZPostStatus }),
      lesson: z.object({ id: z.uuid(), title: z.string(), path: z.string().nullable() }),
      reports: z.array(
        z.object({
          id: z.uuid(),
          reason: z.enum(REPORT_REASONS),
          note: z.string().nullable(),
          createdAt: ZTime,
          reporter: z.object({ id: z.uuid(), name: z.string() }).nullable(),
        }),
      ),
    }),
  ),
  ...pageFields,
});

/** What one action changed; `auditId` is the audit row written in the same transaction. */
export const ZModActionResponse = z.union([
  z.object({
    action: z.enum(["dismiss", "hide", "unhide", "remove"]),
    auditId: z.uuid(),
    post: z.object({ id: z.uuid(), status: ZPostStatus, reportsResolved: z.number().int() }),
  }),
  z.object({
    action: z.enum(["lock", "unlock", "pin", "unpin"]),
    auditId: z.uuid(),
    thread: z.object({ id: z.uuid(), locked: z.boolean(), pinned: z.boolean() }),
  }),
  z.object({ action: z.enum(["silence", "unsilence"]), auditId: z.uuid(), user: z.object({ id: z.uuid(), silencedUntil: ZTime.nullable() }) }),
  z.object({ action: z.enum(["ban", "unban"]), user: z.object({ id: z.uuid(), bannedAt: ZTime.nullable() }) }),
]);

const ZNamed = z.object({ id: z.uuid(), name: z.string() });
export const ZAuditLog = z.object({
  entries: z.array(
    z.object({
      id: z.uuid(),
      action: z.string(),
      reason: z.string().nullable(),
      details: z.unknown().meta({ description: "What changed (from/to states, counts), as the action recorded it" }),
      createdAt: ZTime,
      actor: ZNamed.nullable().meta({ description: "null for automatic actions (auto-hide) or a deleted account" }),
      targetUser: ZNamed.nullable(),
      targetPost: z
        .object({
          id: z.uuid(),
          excerpt: z.string().nullable(),
          threadId: z.uuid().nullable(),
          threadTitle: z.string().nullable(),
          lessonPath: z.string().nullable(),
        })
        .nullable(),
    }),
  ),
  ...pageFields,
  filters: z.object({ actions: z.array(z.string()), moderators: z.array(ZNamed) }),
});

const moderation = contracts("Moderation", "moderator");

export const moderationApi = {
  reports: moderation.get("/api/v1/mod/reports", "The moderation queue: open reports grouped by post, most reported first",
    { query: ZModReportsQuery, response: ZReportQueue }),
  action: moderation.post("/api/v1/mod/actions", "One moderation action, written with its audit row in one transaction", {
    description: "dismiss, hide, unhide, remove (a post); lock, unlock, pin, unpin (a thread); silence, unsilence, ban, unban (a user). A moderator cannot act on staff of the same or a higher role.",
    body: ZModActionRequest,
    response: ZModActionResponse,
    errors: { 404: "No such post, thread or user", 409: "The change is not allowed from the current state (e.g. already banned)" },
  }),
  audit: moderation.get("/api/v1/mod/audit", "The audit log, newest first, filtered by action, moderator (actorId) and UTC days (from, to)",
    { query: ZAuditQuery, response: ZAuditLog }),
};
