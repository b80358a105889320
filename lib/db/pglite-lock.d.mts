export function claimPgliteFolder(dir: string, what?: string): () => void;
