export function currentLabVersion(root: string): string | null;
export function ensureLabAssets(root: string): Promise<string>;
export function buildLabAssets(root: string): Promise<string>;
