import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Boundaries (issue 14, STYLE.md habit 1 and 6). A later block's no-restricted-imports replaces an
// earlier one's for the same file, so each block lists every group that applies to it.
// lib/lint-boundaries.test.ts lints a fixture breaking each rule, so none can vanish quietly.
const PRISMA_CLIENT = {
  group: ["@prisma/*", "**/db/generated", "**/db/generated/**", "**/db/client"],
  message: "Only lib/db talks to Prisma: call a function in lib/db/ instead.",
};
const LIB_DB_FROM_COMPONENTS = {
  group: ["**/lib/db", "**/lib/db/**"],
  message: "Components reach data through the API (lib/client/api.ts) and take types from lib/schemas or lib/domain, never lib/db.",
};
const MARKDOWN_FROM_COMPONENTS = {
  group: ["**/lib/content/markdown", "unified", "remark-*", "rehype-*"],
  message: "Lesson HTML is rendered in lib/content (lesson-html.ts); components only lay it out.",
};
const WORD_LIST_FROM_COMPONENTS = {
  group: ["**/lib/domain/password-policy", "@zxcvbn-ts/*"],
  message: "The common-password list is 220 KB gzipped: the server checks it; forms take the limits from lib/domain/password-limits.",
};
const LIB_DB_FROM_DOMAIN = { group: ["**/lib/db", "**/lib/db/**"], message: "lib/domain is pure logic: it takes data in, it does not load it." };
const DATA_FROM_SCHEMAS = {
  // the content index and catalog, and lib/db; lib/content/schema (zod patterns) stays allowed
  regex: "(^|/)(lib/|\\.\\./)(content(/(index|catalog|load))?|db(/.*)?)$",
  allowTypeImports: true,
  message: "lib/schemas holds pure contracts: checks against content or data belong to lib/db (e.g. lib/db/progress/content-checks.ts) or the route handler.",
};
const NEXT_FROM_DOMAIN = { group: ["next", "next/*", "next-auth", "next-auth/*"], message: "lib/domain is pure logic: no Next.js." };

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", "node_modules/**", "data/**", "lib/db/generated/**", "lib/workers/generated/**", "public/lab/**", "public/lab-sw.js", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-imports": ["error", { patterns: [PRISMA_CLIENT] }],
    },
  },
  {
    // A focused test makes the rest of its file (Vitest) or the whole run (Playwright) skip; the
    // configs refuse it too, this finds it before a run does (ADR 016).
    files: ["**/*.test.ts", "e2e/**/*.ts", "tests/**/*.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        // it.only, test.describe.only, it.only.each, describe.skipIf(x).only …
        { selector: "MemberExpression[property.name='only']", message: "No focused tests: remove .only." },
      ],
    },
  },
  {
    // The data layer itself, and the tests and scripts that set up or inspect the database.
    files: ["lib/db/**", "tests/**", "scripts/**", "e2e/**", "**/*.test.ts"],
    rules: { "no-restricted-imports": "off" },
  },
  {
    files: ["components/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [PRISMA_CLIENT, LIB_DB_FROM_COMPONENTS, MARKDOWN_FROM_COMPONENTS, WORD_LIST_FROM_COMPONENTS] }] },
  },
  {
    files: ["lib/domain/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [PRISMA_CLIENT, LIB_DB_FROM_DOMAIN, NEXT_FROM_DOMAIN] }] },
  },
  {
    files: ["lib/schemas/**"],
    ignores: ["**/*.test.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [PRISMA_CLIENT, DATA_FROM_SCHEMAS] }] },
  },
];
export default config;
