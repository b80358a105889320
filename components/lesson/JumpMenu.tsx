import Link from "next/link";
import type { TTrack } from "@/lib/content";
import { lessonHref } from "@/lib/format";

/** "Jump" to any step of the track; a native <details>, so it works without JavaScript. */
export function JumpMenu({ track, currentStep }: { track: TTrack; currentStep: number }) {
  return (
    <details className="rounded-xl border border-[var(--border)] text-sm">
      <summary className="cursor-pointer px-4 py-2 font-semibold">Jump</summary>
      <nav aria-label={`Jump to a ${track.title} lesson`} className="max-h-96 overflow-y-auto border-t border-[var(--border)] px-2 py-2">
        <ol>
          {track.lessons.map((l) => (
            <li key={l.id}>
              {l.step === currentStep ? (
                <span aria-current="page" className="block rounded bg-[var(--bg-soft)] px-2 py-1 font-semibold">
                  {l.step}. {l.title}
                </span>
              ) : l.versions.length > 0 ? (
                <Link href={lessonHref(track.slug, l.folder)} className="block rounded px-2 py-1 hover:bg-[var(--bg-soft)]">
                  {l.step}. {l.title}
                </Link>
              ) : (
                <span className="block px-2 py-1 text-[var(--fg-muted)]">
                  {l.step}. {l.title} <span className="text-xs">(soon)</span>
                </span>
              )}
            </li>
          ))}
        </ol>
      </nav>
    </details>
  );
}
