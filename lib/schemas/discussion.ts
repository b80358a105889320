import { z } from "zod";
import { BODY_MAX, NESTING_MAX, NOTE_MAX, SORTS, TITLE_MAX, TITLE_MIN, cleanBody, cleanTitle, nestingDepth } from "@/lib/domain/discussion";
import { AUDIT_ACTIONS, POST_ACTIONS, SILENCE_MAX_DAYS, THREAD_ACTIONS } from "@/lib/domain/moderation";
import { contracts } from "@/lib/http/contract";

/** Requests and queries of the discussion, moderation and notification API (docs/API.md). */

const uuid = (field: string) => z.uuid(`${field} must be a UUID`);

export const ZLessonThreadsParams = z.object({ lessonId: uuid("lessonId") });
export const ZIdParams = z.object({ id: uuid("id") });

const ZPage = z.coerce
  .number({ error: "page must be a number" })
  .int("page must be a whole number")
  .min(1, "page starts at 1")
  .max(10_000, "page is at most 10000")
  .default(1);

export const ZThreadListQuery = z.object({
  sort: z.enum(SORTS, { error: "sort must be newest or helpful" }).default("newest"),
  page: ZPage,
});
export type TThreadListQuery = z.infer<typeof ZThreadListQuery>;

export const ZTitle = z
  .string({ error: "Title is required" })
  .transform(cleanTitle)
  .pipe(
    z
      .string()
      .min(TITLE_MIN, `Title must be at least ${TITLE_MIN} characters`)
      .max(TITLE_MAX, {
        error: (issue) => `Title must be at most ${TITLE_MAX} characters (this one has ${String(issue.input).length})`,
      }),
  );

export const ZBody = z
  .string({ error: "Write something first" })
  .transform(cleanBody)
  .pipe(
    z
      .string()
      .min(1, "Write something first")
      .max(BODY_MAX, {
        error: (issue) =>
          `Posts are at most ${BODY_MAX.toLocaleString("en-US")} characters (this one has ${String(issue.input).length.toLocaleString("en-US")})`,
      })
      .refine((body) => nestingDepth(body) <= NESTING_MAX, `Quotes and lists may nest at most ${NESTING_MAX} levels deep`),
  );

export const ZCreateThreadRequest = z.object({ title: ZTitle, body: ZBody });
export type TCreateThreadRequest = z.infer<typeof ZCreateThreadRequest>;

export const ZUpdateThreadRequest = z
  .object({ title: ZTitle.optional(), body: ZBody.optional() })
  .refine((v) => v.title !== undefined || v.body !== undefined, {
    message: "Send a new title, a new body, or both",
    path: ["title"],
  });

export const ZCreateReplyRequest = z.object({ body: ZBody, parentId: uuid("parentId").optional() });
export type TCreateReplyRequest = z.infer<typeof ZCreateReplyRequest>;

export const ZEditPostRequest = z.object({ body: ZBody });

export const REPORT_REASONS = ["SPAM", "ABUSE", "OFF_TOPIC", "SPOILER", "OTHER"] as const;
export type TReportReason = (typeof REPORT_REASONS)[number];

export const ZReportRequest = z
  .object({
    reason: z.enum(REPORT_REASONS, { error: "reason must be one of SPAM, ABUSE, OFF_TOPIC, SPOILER, OTHER" }),
    note: z
      .string()
      .transform(cleanBody)
      .pipe(z.string().max(NOTE_MAX, `The note is at most ${NOTE_MAX} characters`))
      .optional(),
  })
  .superRefine((v, ctx) => {
    if (v.reason === "OTHER" && (!v.note || v.note.length < 3)) {
      ctx.addIssue({
        code: "custom",
        path: ["note"],
        message: "Say what is wrong (a note of at least 3 characters is needed for Other)",
      });
    }
  });
export type TReportRequest = z.infer<typeof ZReportRequest>;

const ZReason = z
  .string()
  .transform(cleanTitle)
  .pipe(z.string().max(500, "The reason is at most 500 characters"))
  .optional();
const ZRequiredReason = z
  .string({ error: "Give a reason" })
  .transform(cleanTitle)
  .pipe(z.string().min(3, "Give a reason (at least 3 characters)").max(500, "The reason is at most 500 characters"));

export const ZModActionRequest = z.discriminatedUnion(
  "action",
  [
    z.object({ action: z.enum(POST_ACTIONS), postId: uuid("postId"), reason: ZReason }),
    z.object({ action: z.enum(THREAD_ACTIONS), threadId: uuid("threadId"), reason: ZReason }),
    z.object({
      action: z.literal("silence"),
      userId: uuid("userId"),
      days: z.coerce
        .number({ error: "days must be a number" })
        .int("days must be a whole number")
        .min(1, "Silence for at least 1 day")
        .max(SILENCE_MAX_DAYS, `Silence for at most ${SILENCE_MAX_DAYS} days`),
      reason: ZRequiredReason,
    }),
    z.object({ action: z.literal("ban"), userId: uuid("userId"), reason: ZRequiredReason }),
    z.object({ action: z.enum(["unsilence", "unban"]), userId: uuid("userId"), reason: ZReason }),
  ],
  {
    error:
      "action must be one of dismiss, hide, unhide, remove, lock, unlock, pin, unpin, silence, unsilence, ban, unban",
  },
);
export type TModActionRequest = z.infer<typeof ZModActionRequest>;

export const ZModReportsQuery = z.object({ page: ZPage });

const ZDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-05-28")
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), "Not a real date")
  .optional()
  .or(z.literal("").transform(() => undefined));

export const ZAuditQuery = z.object({
  action: z
    .enum(AUDIT_ACTIONS as [string, ...string[]], { error: `action must be one of ${AUDIT_ACTIONS.join(", ")}` })
    .optional()
    .or(z.literal("").transform(() => undefined)),
  actorId: uuid("actorId")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  from: ZDay,
  to: ZDay,
  page: ZPage,
});
export type TAuditQuery = z.infer<typeof ZAuditQuery>;

export const ZNotificationsQuery = z.object({ page: ZPage });

export const ZMarkReadRequest = z
  .object({
    ids: z.array(uuid("ids[]")).max(100, "Mark at most 100 at a time").optional(),
    all: z.literal(true, { error: "all must be true" }).optional(),
  })
  .refine((v) => (v.ids?.length ?? 0) > 0 || v.all === true, {
    message: "Send ids (a list) or all: true",
    path: ["ids"],
  });

// ── Responses and contracts ───────────────────────────────────────────────────────────────────────

export const ZTime = z.string().meta({ description: "An ISO date-time, e.g. 2026-05-28T10:00:00.000Z" });
export const ZRoleName = z.enum(["LEARNER", "MODERATOR", "ADMIN"]);
export const ZPostStatus = z.enum(["VISIBLE", "HIDDEN", "REMOVED"]);

export const ZAuthorView = z.object({ id: z.uuid(), name: z.string(), role: ZRoleName }).meta({ id: "Author" });

/** A post and its visible replies, nested to the fixed depth. */
export const ZPostView = z
  .object({
    id: z.uuid(),
    threadId: z.uuid(),
    parentId: z.uuid().nullable(),
    depth: z.number().int(),
    author: ZAuthorView.nullable().meta({ description: 'null when the post is deleted ("[deleted]") or the account is gone' }),
    authorDeleted: z.boolean(),
    bodyHtml: z.string().nullable().meta({ description: "Sanitized HTML; null when the post is deleted" }),
    body: z.string().nullable().meta({ description: "The markdown source, only on the viewer's own posts" }),
    deleted: z.boolean(),
    status: ZPostStatus.meta({ description: "Always VISIBLE for everyone but moderators" }),
    createdAt: ZTime,
    editedAt: ZTime.nullable(),
    helpfulCount: z.number().int(),
    mine: z.boolean(),
    votedByMe: z.boolean(),
    reportedByMe: z.boolean(),
    get replies(): z.ZodArray<typeof ZPostView> {
      return z.array(ZPostView);
    },
  })
  .meta({ id: "Post" });

export const ZThreadSummary = z
  .object({
    id: z.uuid(),
    lessonId: z.uuid(),
    title: z.string(),
    author: ZAuthorView.nullable(),
    authorDeleted: z.boolean(),
    openingPostId: z.uuid(),
    createdAt: ZTime,
    lastActivityAt: ZTime,
    locked: z.boolean(),
    pinned: z.boolean(),
    status: ZPostStatus,
    deleted: z.boolean(),
    replyCount: z.number().int(),
    helpfulCount: z.number().int(),
    mine: z.boolean(),
  })
  .meta({ id: "ThreadSummary" });

const ZViewer = z
  .object({ id: z.uuid(), name: z.string(), role: ZRoleName, silencedUntil: ZTime.nullable() })
  .nullable()
  .meta({ description: "Who is reading (null for guests): the page shows what they may do" });

const pageFields = { page: z.number().int(), pageSize: z.number().int(), pages: z.number().int() };

export const ZThreadList = z.object({ threads: z.array(ZThreadSummary), ...pageFields, total: z.number().int(), viewer: ZViewer });
export const ZThreadPage = z.object({
  thread: ZThreadSummary,
  post: ZPostView,
  ...pageFields,
  topLevelReplies: z.number().int(),
  viewer: ZViewer,
});
export const ZThreadWithPost = z.object({ thread: ZThreadSummary, post: ZPostView });
export const ZPostResponse = z.object({ post: ZPostView });
export const ZVoteResponse = z.object({ vote: z.object({ postId: z.uuid(), helpfulCount: z.number().int(), votedByMe: z.boolean() }) });
export const ZReportResponse = z.object({
  report: z.object({ id: z.uuid(), postId: z.uuid(), reason: z.enum(REPORT_REASONS), note: z.string().nullable(), createdAt: ZTime }),
});

const discussion = contracts("Discussion", "user");
const noPost = { 404: "No such post (or not visible to you)" };
const noThread = { 404: "No such thread (or not visible to you)" };

export const discussionApi = {
  threads: discussion.get("/api/v1/lessons/{lessonId}/threads", "A lesson's threads, pinned first (moderators also see hidden ones)",
    { auth: "optional", params: ZLessonThreadsParams, query: ZThreadListQuery, response: ZThreadList, errors: { 404: "No such published lesson" } }),
  createThread: discussion.post("/api/v1/lessons/{lessonId}/threads", "Start a thread under a lesson", {
    description: "Posting limits apply (stricter for new accounts); a silenced user gets 403.",
    params: ZLessonThreadsParams,
    body: ZCreateThreadRequest,
    response: ZThreadWithPost,
    status: 201,
    errors: { 404: "No such published lesson" },
  }),
  thread: discussion.get("/api/v1/threads/{id}", "A thread: its opening post and a page of replies, nested",
    { auth: "optional", params: ZIdParams, query: ZThreadListQuery, response: ZThreadPage, errors: noThread }),
  updateThread: discussion.patch("/api/v1/threads/{id}", "The author changes the title and/or the opening post",
    { params: ZIdParams, body: ZUpdateThreadRequest, response: ZThreadWithPost, errors: noThread }),
  deleteThread: discussion.delete("/api/v1/threads/{id}", "The author deletes the opening post (soft); replies stay",
    { params: ZIdParams, response: ZPostResponse, errors: noThread }),
  reply: discussion.post("/api/v1/threads/{id}/posts", "Reply in a thread: to the opening post, or to `parentId`",
    { params: ZIdParams, body: ZCreateReplyRequest, response: ZPostResponse, status: 201, errors: { ...noThread, 409: "The thread is locked" } }),
  editPost: discussion.patch("/api/v1/posts/{id}", "The author edits a post (it shows as edited)",
    { params: ZIdParams, body: ZEditPostRequest, response: ZPostResponse, errors: noPost }),
  deletePost: discussion.delete("/api/v1/posts/{id}", 'Soft delete: the post shows as "[deleted]" and its replies stay',
    { params: ZIdParams, response: ZPostResponse, errors: noPost }),
  vote: discussion.put("/api/v1/posts/{id}/vote", '"Helpful": idempotent, one per user and post',
    { params: ZIdParams, response: ZVoteResponse, errors: noPost }),
  unvote: discussion.delete("/api/v1/posts/{id}/vote", "Take the helpful vote back",
    { params: ZIdParams, response: ZVoteResponse, errors: noPost }),
  report: discussion.post("/api/v1/posts/{id}/reports", "Report a post to the moderators (one report per user and post)",
    { params: ZIdParams, body: ZReportRequest, response: ZReportResponse, status: 201, errors: { ...noPost, 409: "You already reported this post" } }),
};
