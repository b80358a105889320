import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", "node_modules/**", "data/**", "lib/db/generated/**", "lib/workers/generated/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // Only lib/db may talk to Prisma (STYLE.md habit 1).
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["**/db/generated/**", "@prisma/client*"], message: "Use the functions in lib/db/ instead." }] },
      ],
    },
  },
  {
    files: ["lib/db/**"],
    rules: { "no-restricted-imports": "off" },
  },
];
export default config;
