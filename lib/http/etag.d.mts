export declare function contentEtag(body: string | Uint8Array): string;
export declare function etagMatches(header: string | string[] | null | undefined, etag: string): boolean;
