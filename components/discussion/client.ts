/**
 * Browser-side types and helpers of the discussion island. The shapes are those of the JSON API
 * (docs/API.md, lib/schemas/discussion-views.ts).
 */
import type { TPostView, TThreadSummary, TViewerInfo } from "@/lib/schemas/discussion-views";

export type { TPostView, TThreadSummary, TViewerInfo };

export type TThreadList = {
  threads: TThreadSummary[];
  page: number;
  pageSize: number;
  pages: number;
  total: number;
  viewer: TViewerInfo;
};
export type TThreadDetail = {
  thread: TThreadSummary;
  post: TPostView;
  page: number;
  pageSize: number;
  pages: number;
  topLevelReplies: number;
  viewer: TViewerInfo;
};

export const isStaff = (viewer: TViewerInfo) => viewer !== null && viewer.role !== "LEARNER";

/** Local date and time, e.g. "May 28, 2026, 2:05 PM" (the island renders only in the browser). */
export function formatWhen(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short" });
}

export const REPORT_REASON_LABELS = {
  SPAM: "Spam",
  ABUSE: "Abuse or harassment",
  OFF_TOPIC: "Off-topic",
  SPOILER: "Spoiler (gives away an answer)",
  OTHER: "Other (say what)",
} as const;

/** Typography for sanitized post HTML, scoped with Tailwind variants (no global CSS needed). */
export const POST_BODY_CLASS =
  "post-body min-w-0 break-words [overflow-wrap:anywhere] [&_p]:my-2 [&_ul]:my-2 [&_ul]:list-disc [&_ul]:pl-6 [&_ol]:my-2 [&_ol]:list-decimal [&_ol]:pl-6 " +
  "[&_a]:text-brand-700 [&_a]:underline dark:[&_a]:text-brand-300 [&_blockquote]:border-l-4 [&_blockquote]:border-[var(--border)] [&_blockquote]:pl-3 [&_blockquote]:text-[var(--fg-muted)] " +
  "[&_code]:rounded [&_code]:bg-[var(--code-bg)] [&_code]:px-1 [&_code]:font-mono [&_code]:text-[0.9em] " +
  "[&_pre]:my-2 [&_pre]:whitespace-pre-wrap [&_pre]:rounded-md [&_pre]:border [&_pre]:border-[var(--border)] [&_pre]:bg-[var(--code-bg)] [&_pre]:p-3 [&_pre]:font-mono [&_pre]:text-sm [&_pre_code]:bg-transparent [&_pre_code]:p-0 " +
  "[&_table]:my-2 [&_table]:border-collapse [&_td]:border [&_td]:border-[var(--border)] [&_td]:px-2 [&_th]:border [&_th]:border-[var(--border)] [&_th]:px-2 [&_hr]:my-3 [&_hr]:border-[var(--border)]";

export const badgeClass = "inline-block rounded px-1.5 py-0.5 text-xs font-semibold";
