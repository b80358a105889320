import Link from "next/link";
import { textLinkClass } from "@/components/ui/tokens";

/** "Your dashboard · Review queue", under the home and track progress. */
export function ProgressLinks({ className }: { className: string }) {
  return (
    <p className={className}>
      <Link href="/dashboard" className={textLinkClass}>
        Your dashboard
      </Link>{" "}
      ·{" "}
      <Link href="/review" className={textLinkClass}>
        Review queue
      </Link>
    </p>
  );
}
