/**
 * What the lab fetches from the app besides its engine files: a track's datasets and a lesson's
 * or a capstone's exercises (lib/content/api.ts), each once per page. Learner SQL is never sent anywhere: these
 * are GET requests for content.
 */
import { apiGet, type ApiError } from "@/lib/client/api";
import type { TDatasetPayload, TLessonExercisesPayload } from "@/lib/content/api";

const cache = new Map<string, Promise<unknown>>();

async function getJson<T>(url: string): Promise<T> {
  let p = cache.get(url) as Promise<T> | undefined;
  if (!p) {
    p = apiGet<T>(url).catch((error: ApiError) => {
      throw new Error(`Could not load ${url} (${error.status ? `HTTP ${error.status}` : "no connection"}).`);
    });
    p.catch(() => cache.delete(url));
    cache.set(url, p);
  }
  return p;
}

export const datasetUrl = (track: string, name: string) => `/api/v1/tracks/${encodeURIComponent(track)}/datasets/${encodeURIComponent(name)}`;
export const exercisesUrl = (track: string, lesson: string) =>
  `/api/v1/tracks/${encodeURIComponent(track)}/lessons/${encodeURIComponent(lesson)}/exercises`;
export const capstoneExercisesUrl = (track: string, part: string) =>
  `/api/v1/tracks/${encodeURIComponent(track)}/capstones/${encodeURIComponent(part)}/exercises`;

export function fetchDataset(track: string, name: string): Promise<TDatasetPayload> {
  return getJson<TDatasetPayload>(datasetUrl(track, name));
}

/** A lesson's or a capstone's exercises, from `exercisesUrl` or `capstoneExercisesUrl`. */
export function fetchExercises(url: string): Promise<TLessonExercisesPayload> {
  return getJson<TLessonExercisesPayload>(url);
}
