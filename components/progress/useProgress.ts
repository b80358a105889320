"use client";

import { useSyncExternalStore } from "react";
import { progressStore, serverView, type TMutationBody, type TProgressView } from "@/lib/client/progress-store";

// The store is made on first subscription (in the browser, after hydration), never during the static
// render; React re-reads the snapshot right after subscribing.
let store: ReturnType<typeof progressStore> | null = null;

function subscribe(listener: () => void) {
  store ??= progressStore();
  return store.subscribe(listener);
}

const getSnapshot = () => (store ? store.getSnapshot() : serverView());

/** The page's progress (see lib/client/progress-store.ts); `ready` is false until it is known. */
export function useProgress(): TProgressView {
  return useSyncExternalStore(subscribe, getSnapshot, serverView);
}

export function recordProgress(body: TMutationBody): Promise<void> {
  return progressStore().record(body);
}

/** A solved SQL lab exercise (see ProgressStore#recordExerciseSolved). */
export function recordExerciseSolved(input: { lessonId: string; exerciseId: string; engine: "sqlite" | "postgres" }): Promise<void> {
  return progressStore().recordExerciseSolved(input);
}

export function dismissMergeNotice() {
  progressStore().dismissMerged();
}

export function forgetProgress(lessonIds: string[] | "all") {
  return progressStore().forget(lessonIds);
}
