import type { Metadata } from "next";
import { AccountPanel } from "@/components/auth/AccountPanel";
import { PageSection } from "@/components/ui/PageSection";

export const metadata: Metadata = { title: "Your account", robots: { index: false } };

export default function AccountPage() {
  return (
    <PageSection title="Your account" className="mx-auto max-w-2xl py-4 sm:py-8">
      <AccountPanel />
    </PageSection>
  );
}
