export function nodeRuntime(major: number): { binary: string; version: string } | null;
export function nodeVersion(binary: string): string | null;
export function instanceNode(value: string): { binary: string; version: string };
