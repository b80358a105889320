import Link from "next/link";
import { textLinkClass } from "@/components/ui/tokens";

/** For guests, in the static discussion and in the island: `next` is already URL-encoded. */
export function JoinPrompt({ next }: { next: string }) {
  return (
    <p className="rounded-lg bg-[var(--bg-soft)] p-3 text-sm">
      <Link href={`/signup?next=${next}`} className={textLinkClass}>
        Sign up
      </Link>{" "}
      or{" "}
      <Link href={`/login?next=${next}`} className={textLinkClass}>
        log in
      </Link>{" "}
      to post comments and sync lesson progress across devices.
    </p>
  );
}
