import type { Metadata } from "next";
import { AuditLog } from "@/components/moderation/AuditLog";
import { ModShell } from "@/components/moderation/ModShell";

export const metadata: Metadata = { title: "Moderation audit log", robots: { index: false } };

export default function ModAuditPage() {
  return (
    <ModShell current="audit" title="Audit log" intro="Every moderation and administration action, newest first.">
      <AuditLog />
    </ModShell>
  );
}
