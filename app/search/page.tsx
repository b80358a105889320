import type { Metadata } from "next";
import Link from "next/link";
import { getTracks, searchDocuments } from "@/lib/content";
import { MAX_QUERY_LENGTH, search, type TSnippetPart } from "@/lib/domain/search";
import { buttonClass } from "@/components/ui/tokens";
import { PageSection } from "@/components/ui/PageSection";

export const metadata: Metadata = { title: "Search lessons" };

type Props = { searchParams: Promise<{ q?: string | string[] }> };

function Marked({ parts }: { parts: TSnippetPart[] }) {
  return (
    <>
      {parts.map((p, i) => (p.mark ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
    </>
  );
}

export default async function SearchPage({ searchParams }: Props) {
  const raw = (await searchParams).q;
  const q = (Array.isArray(raw) ? raw[0] : raw)?.slice(0, MAX_QUERY_LENGTH).trim() ?? "";
  const hits = q ? search(searchDocuments(), q) : [];
  const titles = new Map(
    getTracks().flatMap((t) => t.lessons.map((l) => [`${t.slug}/${l.folder}`, { track: t.title, step: l.step, level: l.level }])),
  );
  return (
    <PageSection title="Search lessons" headingId="search-heading" className="max-w-3xl">
      <form action="/search" method="get" role="search" aria-label="Lessons" className="mt-4 flex gap-2">
        <label htmlFor="q" className="sr-only">
          Search titles, summaries and lesson text
        </label>
        <input
          id="q"
          name="q"
          type="search"
          defaultValue={q}
          maxLength={MAX_QUERY_LENGTH}
          placeholder="e.g. join, NULL, migration"
          className="min-w-0 flex-1 rounded-md border border-[var(--border)] bg-[var(--bg-soft)] px-3 py-2 focus-visible:outline-2 focus-visible:outline-brand-500"
        />
        <button type="submit" className={buttonClass("primary")}>
          Search
        </button>
      </form>

      {!q ? (
        <p className="mt-6 text-[var(--fg-muted)]">Type a word or two: lesson titles, summaries and text are searched.</p>
      ) : hits.length === 0 ? (
        <div className="mt-6" role="status">
          <p className="font-medium">No lessons match “{q}”.</p>
          <p className="mt-1 text-[var(--fg-muted)]">
            Try a shorter or more general word (every word must appear), or{" "}
            <Link href="/#tracks" className="underline">
              browse the tracks
            </Link>
            .
          </p>
        </div>
      ) : (
        <>
          <p className="mt-6 text-sm text-[var(--fg-muted)]" role="status">
            {hits.length} {hits.length === 1 ? "lesson matches" : "lessons match"} “{q}”
          </p>
          <ol className="mt-3 space-y-4">
            {hits.map((hit) => {
              const meta = titles.get(hit.key);
              return (
                <li key={hit.key} className="rounded-xl border border-[var(--border)] p-4">
                  <h2 className="text-lg font-semibold">
                    <Link href={`/tracks/${hit.key}`} className="hover:underline">
                      <Marked parts={hit.title} />
                    </Link>
                  </h2>
                  {meta ? (
                    <p className="text-xs text-[var(--fg-muted)]">
                      {meta.track} · step {meta.step} · {meta.level}
                    </p>
                  ) : null}
                  <p className="mt-2 text-sm">
                    <Marked parts={hit.snippet} />
                  </p>
                </li>
              );
            })}
          </ol>
        </>
      )}
    </PageSection>
  );
}
