import type { Metadata } from "next";
import { AuthCard } from "@/components/auth/AuthCard";
import { ConfirmSignUpForm } from "@/components/auth/ConfirmSignUpForm";

// The address carries a one-time token: keep it out of search engines and other sites' logs.
export const metadata: Metadata = { title: "Finish creating your account", robots: { index: false }, referrer: "no-referrer" };

export default function ConfirmSignUpPage() {
  return (
    <AuthCard title="Finish creating your account" intro="One click and your account is ready; you will be signed in on this device.">
      <ConfirmSignUpForm />
    </AuthCard>
  );
}
