import type { AsyncLocalStorage } from "node:async_hooks";
import type { TResolvedRequest } from "./forwarded.mjs";

export type TRequestContext = TResolvedRequest;
export const requestContextStorage: AsyncLocalStorage<TRequestContext>;
export function requestContext(): TRequestContext | undefined;
