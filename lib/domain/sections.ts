import GithubSlugger from "github-slugger";

export type TSection = { id: string; heading: string; markdown: string };

/**
 * Splits a lesson body on its `## ` headings. Text before the first heading is the lead.
 * Headings inside fenced code blocks do not count. Section ids are stable slugs of the heading,
 * which the version diff uses to match sections across versions.
 */
export function splitSections(body: string): { lead: string; sections: TSection[] } {
  const slugger = new GithubSlugger();
  const sections: TSection[] = [];
  const lead: string[] = [];
  let current: { heading: string; lines: string[] } | null = null;
  let fence: string | null = null;
  for (const line of body.split(/\r?\n/)) {
    const fenceMatch = /^\s*(```+|~~~+)/.exec(line);
    if (fenceMatch) {
      const marker = fenceMatch[1]!;
      if (fence === null) fence = marker;
      else if (marker.startsWith(fence[0]!) && marker.length >= fence.length) fence = null;
    }
    const heading = fence === null ? /^##\s+(.+?)\s*#*\s*$/.exec(line) : null;
    if (heading && !line.startsWith("###")) {
      if (current) sections.push(close(current, slugger));
      current = { heading: heading[1]!, lines: [] };
    } else if (current) {
      current.lines.push(line);
    } else {
      lead.push(line);
    }
  }
  if (current) sections.push(close(current, slugger));
  return { lead: lead.join("\n").trim(), sections };
}

function close(s: { heading: string; lines: string[] }, slugger: GithubSlugger): TSection {
  return { id: slugger.slug(s.heading), heading: s.heading, markdown: s.lines.join("\n").trim() };
}
