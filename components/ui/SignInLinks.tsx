import Link from "next/link";
import { textLinkClass } from "./tokens";

/** "Log in or create an account", both coming back to `next`; `after` ends the sentence. */
export function SignInLinks({ next, after = "." }: { next: string; after?: string }) {
  const back = `?next=${encodeURIComponent(next)}`;
  return (
    <p className="mt-3">
      <Link href={`/login${back}`} className={textLinkClass}>
        Log in
      </Link>{" "}
      or{" "}
      <Link href={`/signup${back}`} className={textLinkClass}>
        create an account
      </Link>
      {after}
    </p>
  );
}
