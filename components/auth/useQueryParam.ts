"use client";

import { useSyncExternalStore } from "react";

const noSubscribe = () => () => {};

/**
 * One query-string value, read in the browser. The pages stay static (no `searchParams`): the
 * prerendered HTML and the first client render see `null` ("not known yet"), then the real value
 * ("" when absent).
 */
export function useQueryParam(name: string): string | null {
  return useSyncExternalStore(
    noSubscribe,
    () => new URLSearchParams(window.location.search).get(name) ?? "",
    () => null,
  );
}
