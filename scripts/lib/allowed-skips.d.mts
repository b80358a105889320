import type { TAllowedSkip } from "./test-report.mjs";
export const ALLOWED_SKIPS: TAllowedSkip[];
