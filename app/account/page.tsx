import type { Metadata } from "next";
import { AccountPanel } from "@/components/auth/AccountPanel";

export const metadata: Metadata = { title: "Your account", robots: { index: false } };

export default function AccountPage() {
  return (
    <section aria-labelledby="page-title" className="mx-auto max-w-2xl py-4 sm:py-8">
      <h1 id="page-title" className="text-3xl font-bold">
        Your account
      </h1>
      <AccountPanel />
    </section>
  );
}
