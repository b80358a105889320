import type { Metadata } from "next";
import { AuthCard } from "@/components/auth/AuthCard";
import { ResetPasswordForm } from "@/components/auth/ResetPasswordForm";

// The address carries a one-time token: keep it out of search engines and other sites' logs.
export const metadata: Metadata = { title: "Choose a new password", robots: { index: false }, referrer: "no-referrer" };

export default function ResetPasswordPage() {
  return (
    <AuthCard
      title="Choose a new password"
      intro="Once it is changed, every device that was signed in to your account is signed out."
    >
      <ResetPasswordForm />
    </AuthCard>
  );
}
