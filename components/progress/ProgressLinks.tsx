import Link from "next/link";
import { linkClass } from "./format";

/** "Your dashboard · Review queue", under the home and track progress. */
export function ProgressLinks({ className }: { className: string }) {
  return (
    <p className={className}>
      <Link href="/dashboard" className={linkClass}>
        Your dashboard
      </Link>{" "}
      ·{" "}
      <Link href="/review" className={linkClass}>
        Review queue
      </Link>
    </p>
  );
}
