import type { TPostStatus } from "@/lib/domain/discussion";
import type { TRole } from "@/lib/domain/roles";
import type { TReportReason } from "./discussion";

/**
 * The JSON shapes the discussion and moderation API answers with (docs/API.md), as the browser
 * reads them (dates as ISO strings). Components import these, never lib/db (eslint.config.mjs);
 * lib/schemas/discussion-views.test.ts keeps them equal to what lib/db returns.
 */

export type TAuthorView = { id: string; name: string; role: TRole };

export type TPostView = {
  id: string;
  threadId: string;
  parentId: string | null;
  depth: number;
  /** null when the post is deleted ("[deleted]") or the account is gone ("[deleted account]"). */
  author: TAuthorView | null;
  authorDeleted: boolean;
  /** Sanitized HTML; null when the post is deleted. */
  bodyHtml: string | null;
  /** The markdown source, only on the viewer's own posts (to edit them). */
  body: string | null;
  deleted: boolean;
  /** Always VISIBLE for everyone but moderators, who also see HIDDEN and REMOVED posts. */
  status: TPostStatus;
  createdAt: string;
  editedAt: string | null;
  helpfulCount: number;
  mine: boolean;
  votedByMe: boolean;
  reportedByMe: boolean;
  replies: TPostView[];
};

export type TThreadSummary = {
  id: string;
  lessonId: string;
  /** "[deleted]" once the author deleted the opening post (moderators still see the title). */
  title: string;
  author: TAuthorView | null;
  authorDeleted: boolean;
  openingPostId: string;
  createdAt: string;
  lastActivityAt: string;
  locked: boolean;
  pinned: boolean;
  status: TPostStatus;
  deleted: boolean;
  replyCount: number;
  helpfulCount: number;
  mine: boolean;
};

/** Who is reading: null for guests. */
export type TViewerInfo = { id: string; name: string; role: TRole; silencedUntil: string | null } | null;

type TPaged = { page: number; pageSize: number; pages: number; total: number };

/** `GET /api/v1/mod/queue`: reported posts with their open reports. */
export type TReportQueue = TPaged & {
  items: {
    post: {
      id: string;
      depth: number;
      status: TPostStatus;
      deleted: boolean;
      bodyHtml: string;
      createdAt: string;
      editedAt: string | null;
      helpfulCount: number;
    };
    author: { id: string; name: string; role: TRole; bannedAt: string | null; silencedUntil: string | null } | null;
    thread: { id: string; title: string; lessonId: string; locked: boolean; pinned: boolean; status: TPostStatus };
    lesson: { id: string; title: string; path: string | null };
    reports: { id: string; reason: TReportReason; note: string | null; createdAt: string; reporter: { id: string; name: string } }[];
  }[];
};

/** `GET /api/v1/mod/audit`: one page of the audit log and the filter choices. */
export type TAuditPage = TPaged & {
  entries: {
    id: string;
    action: string;
    reason: string | null;
    /** Free-form per action (JSON). */
    details: unknown;
    createdAt: string;
    actor: { id: string; name: string } | null;
    targetUser: { id: string; name: string } | null;
    targetPost: { id: string; excerpt: string | null; threadId: string | null; threadTitle: string | null; lessonPath: string | null } | null;
  }[];
  filters: { actions: readonly string[]; moderators: { id: string; name: string }[] };
};
