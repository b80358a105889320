export type TOutcome = "passed" | "failed" | "skipped" | "notRun";
export type TTestOutcome = { file: string; title: string; outcome: TOutcome };
export type TStageRun = {
  tests: TTestOutcome[];
  fileErrors: { file: string; message: string }[];
  errors: string[];
  notRunFiles: string[];
  exitCode: number | null;
  reported: boolean;
};
export type TAllowedSkip = { stage: string; file: string; test: string; reason: string; onlyOn?: "pglite" | "postgresql" };
export type TVerdict = { passed: number; failed: number; skipped: number; problems: string[]; allowed: string[] };

/* eslint-disable @typescript-eslint/no-explicit-any -- the reports are the tools' JSON */
export function fromVitest(report: any, exitCode: number | null, listed: string[], root: string): TStageRun;
export function fromPlaywright(report: any, exitCode: number | null, listed: any, testDir: string, root: string): TStageRun;
export function judgeStage(
  stage: string,
  run: TStageRun,
  context: { allowedSkips: TAllowedSkip[]; database: "pglite" | "postgresql" },
): TVerdict;
