import type { Metadata } from "next";
import { ModQueue } from "@/components/moderation/ModQueue";
import { ModShell } from "@/components/moderation/ModShell";

export const metadata: Metadata = { title: "Moderation queue", robots: { index: false } };

export default function ModQueuePage() {
  return (
    <ModShell
      current="queue"
      title="Moderation queue"
      intro="Open reports, grouped by post, most reported first. Every action is written to the audit log."
    >
      <ModQueue />
    </ModShell>
  );
}
