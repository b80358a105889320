"use client";

import dynamic from "next/dynamic";

/**
 * The lesson page's discussion island. The page itself is static and identical for everyone;
 * this small wrapper loads the discussion code in its own chunk after the page is interactive,
 * so it does not count against the lesson page's initial JS (docs/ARCHITECTURE.md, Budgets).
 */
const DiscussionApp = dynamic(() => import("./DiscussionApp"), {
  ssr: false,
  loading: () => <p className="mt-4 min-h-24 text-[var(--fg-muted)]">Loading discussion…</p>,
});

export function DiscussionIsland(props: { lessonId: string; starterTopics: string[]; lessonPath: string }) {
  return <DiscussionApp {...props} />;
}
