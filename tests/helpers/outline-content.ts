import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { getTracks as loadedTracks } from "@/lib/content/index";
import { loadContent, type TTrack } from "@/lib/content/load";

/** Where lib/content/index.ts keeps the loaded content for the process. */
const store = globalThis as typeof globalThis & { __lnvContent?: TTrack[] };

/**
 * Adds the fixture track tests/fixtures/content/outline-demo (one lesson, "coming-later", in the
 * outline with no version file) to the loaded content for the current file or describe, and puts
 * the content back afterwards. Every SQL lesson is written, so only a fixture has such a lesson.
 * Returns the loaded tracks while it is in place.
 */
export function withOutlineDemoTrack(): () => TTrack[] {
  let saved: TTrack[] | undefined;
  beforeAll(() => {
    saved = store.__lnvContent;
    store.__lnvContent = [...loadedTracks(), ...loadContent(path.resolve(import.meta.dirname, "../fixtures/content"))];
  });
  afterAll(() => {
    store.__lnvContent = saved;
  });
  return () => store.__lnvContent!;
}
