import { useCallback, useEffect } from "react";
import { apiFetch, type TApiResult } from "./api";

/**
 * Reads `url` whenever it changes (while `enabled`) and hands each answer to `apply`, dropping an
 * answer that arrives after the component moved on. Returns a reload for after a change; `apply`
 * should be stable (useCallback).
 */
export function useApiGet<T>(url: string, apply: (res: TApiResult<T>) => void, enabled = true): () => Promise<void> {
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    void apiFetch<T>(url).then((res) => live && apply(res));
    return () => {
      live = false;
    };
  }, [url, apply, enabled]);
  return useCallback(() => apiFetch<T>(url).then(apply), [url, apply]);
}
