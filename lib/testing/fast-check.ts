import fc from "fast-check";

/**
 * Options for fc.assert in this project's property tests: one seed per run, from FC_SEED when set
 * (to replay a failure) or from the clock. fast-check names the seed and the shrunk counterexample
 * in the failure message ("seed: 123, path: …"); the extra line says how to replay it.
 */
export const FC_SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : Date.now() % 2_147_483_647;

export function propertyOptions<T>(numRuns = 200): fc.Parameters<T> {
  return {
    seed: FC_SEED,
    numRuns,
    reporter: (details) => {
      if (details.failed) {
        throw new Error(`${fc.defaultReportMessage(details)}\nReplay with FC_SEED=${FC_SEED}`);
      }
    },
  };
}
