export function scriptSources(html: string): string[];
export function gzippedBytes(body: Buffer | Uint8Array): number;
