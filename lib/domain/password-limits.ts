/**
 * A password's length limits, for the browser's forms. Kept apart from password-policy.ts, whose
 * list of ~49,000 common passwords (220 KB gzipped) must never reach a page: the server checks that.
 */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
