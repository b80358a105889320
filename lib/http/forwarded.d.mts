import type { BlockList } from "node:net";

export class TrustedProxiesError extends Error {}
export type TTrust = { kind: "none" } | { kind: "hops"; hops: number } | { kind: "list"; list: BlockList; text: string };
export type TResolvedRequest = { clientIp: string; trustedHop: boolean; https: boolean; forwardedOrigin: string | null };
export function normalizeAddress(address: string | undefined | null): string;
export function parseTrustedProxies(value: string | undefined | null): TTrust;
export function resolveRequest(
  request: { remoteAddress: string | undefined; headers: Record<string, string | string[] | undefined>; encrypted?: boolean },
  trust: TTrust,
): TResolvedRequest;
