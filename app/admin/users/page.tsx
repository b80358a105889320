import type { Metadata } from "next";
import { UserAdmin } from "@/components/admin/UserAdmin";
import { PageSection } from "@/components/ui/PageSection";

export const metadata: Metadata = { title: "Manage users", robots: { index: false } };

export default function AdminUsersPage() {
  return (
    <PageSection title="Manage users" className="mx-auto max-w-5xl">
      <p className="mt-2 text-[var(--fg-muted)]">
        Change roles, and ban or unban accounts. Every change is recorded in the audit log.
      </p>
      <UserAdmin />
    </PageSection>
  );
}
