/** "2026-05-28" -> "May 28, 2026" (UTC, so the same on every server and in every test). */
export function formatDate(iso: string): string {
  return new Date(`${iso}T00:00:00Z`).toLocaleDateString("en-US", {
    year: "numeric",
    month: "long",
    day: "numeric",
    timeZone: "UTC",
  });
}

export function levelLabel(level: string): string {
  return level.charAt(0).toUpperCase() + level.slice(1);
}

export function lessonHref(track: string, lesson: string, version?: string): string {
  return version ? `/tracks/${track}/${lesson}/v/${version}` : `/tracks/${track}/${lesson}`;
}

/** A part's capstone page, e.g. /tracks/sql/capstones/basics. */
export function capstoneHref(track: string, part: string): string {
  return `/tracks/${track}/capstones/${part}`;
}

/**
 * Where to go after signing in: only a path on this site ("/..."), never "//host" or "/\host"
 * (browsers read both as another host). Anything else is "/".
 */
export function safeNextPath(raw: string | null | undefined): string {
  if (!raw || !raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\")) return "/";
  if (/[\u0000-\u001f\u007f]/.test(raw)) return "/";
  try {
    const base = "http://same.invalid";
    const url = new URL(raw, base);
    const path = `${url.pathname}${url.search}${url.hash}`;
    // Normalising can turn "/..//evil.com" into "//evil.com": check the result again.
    if (url.origin !== base || path.startsWith("//") || path.startsWith("/\\")) return "/";
    return path;
  } catch {
    return "/";
  }
}
