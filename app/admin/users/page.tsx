import type { Metadata } from "next";
import { UserAdmin } from "@/components/admin/UserAdmin";

export const metadata: Metadata = { title: "Manage users", robots: { index: false } };

export default function AdminUsersPage() {
  return (
    <section aria-labelledby="page-title" className="mx-auto max-w-5xl">
      <h1 id="page-title" className="text-3xl font-bold">
        Manage users
      </h1>
      <p className="mt-2 text-[var(--fg-muted)]">
        Change roles, and ban or unban accounts. Every change is recorded in the audit log.
      </p>
      <UserAdmin />
    </section>
  );
}
