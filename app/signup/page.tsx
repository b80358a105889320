import type { Metadata } from "next";
import { AuthCard } from "@/components/auth/AuthCard";
import { SignupForm } from "@/components/auth/SignupForm";

export const metadata: Metadata = { title: "Create an account" };

export default function SignupPage() {
  return (
    <AuthCard title="Create an account" intro="Free. Keep your progress in sync across devices.">
      <SignupForm />
    </AuthCard>
  );
}
