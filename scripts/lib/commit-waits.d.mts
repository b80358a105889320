export function sampleWalWaits(databaseUrl: string, everyMs?: number): Promise<{ stop(): Promise<[number, number][]> }>;
export function diskSyncLatency(
  dir: string,
  seconds?: number,
): { seconds: number; syncs: number; p50: number; p99: number; max: number; over60: number };
