import { randomInt } from "node:crypto";
import { onTestFailed } from "vitest";

/**
 * Random test inputs come from one seed per run, so a failure can be replayed: `TEST_SEED=<n>`
 * picks the seed, otherwise each run draws a new one. A test that uses it prints the seed when it
 * fails (ADR 016). fast-check takes the same seed (`{ seed: testSeed() }`).
 */
export const TEST_SEED = process.env.TEST_SEED ? Number(process.env.TEST_SEED) : randomInt(2 ** 31);

/** A small seeded generator (mulberry32): numbers in [0, 1), the same sequence for the same seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The run's seed, printed if the current test fails. Call inside a test or a beforeEach. */
export function testSeed(): number {
  onTestFailed(() => {
    console.error(`This test's random inputs came from TEST_SEED=${TEST_SEED}; run it again with TEST_SEED=${TEST_SEED} to replay them.`);
  });
  return TEST_SEED;
}

/** A generator for the current test, from the run's seed (plus `stream`, for independent sequences). */
export function seededRandom(stream = 0): () => number {
  return mulberry32(testSeed() + stream);
}
