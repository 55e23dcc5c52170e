// lamina's ESLint configuration (--config; the project's own configuration is never looked up):
// eslint-plugin-security's rules on JavaScript and TypeScript, with the plugin and
// @typescript-eslint/parser (and the typescript it parses with) loaded from the folder ESLint is
// installed in. TypeScript is parsed without type information (no parserOptions.project), so no
// tsconfig.json of the project is read.
import { load_installed } from "./lamina-node-install.mjs";

const security = await load_installed("eslint-plugin-security");
const typescript = await load_installed("@typescript-eslint/parser");

const rules = {
  "security/detect-bidi-characters": "error",
  "security/detect-buffer-noassert": "error",
  "security/detect-child-process": "warn",
  "security/detect-disable-mustache-escape": "error",
  "security/detect-eval-with-expression": "error",
  "security/detect-new-buffer": "warn",
  "security/detect-no-csrf-before-method-override": "warn",
  "security/detect-non-literal-fs-filename": "warn",
  "security/detect-non-literal-regexp": "warn",
  "security/detect-non-literal-require": "warn",
  "security/detect-possible-timing-attacks": "warn",
  "security/detect-pseudoRandomBytes": "warn",
  "security/detect-unsafe-regex": "warn",
};

export default [
  {
    files: ["**/*.js", "**/*.mjs", "**/*.cjs", "**/*.jsx"],
    languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
    plugins: { security },
    rules,
  },
  {
    files: ["**/*.ts", "**/*.tsx", "**/*.mts", "**/*.cts"],
    languageOptions: { parser: typescript },
    plugins: { security },
    rules,
  },
];
