export class PublicOriginError extends Error {}
export function publicOrigin(env?: Record<string, string | undefined>): { origin: string; aliases: string[] };
