// lamina's ESLint configuration (--config; the project's own configuration is never looked up):
// eslint-plugin-security's rules on JavaScript and TypeScript, with the plugin and
// @typescript-eslint/parser (and the typescript it parses with) loaded from the folder ESLint is
// installed in. TypeScript is parsed without type information (no parserOptions.project), so no
// tsconfig.json of the project is read. The parser (and typescript, 9 MB of JavaScript: about 2 s
// to load) is loaded on the first TypeScript file, so a JavaScript-only package does not wait.
import { load_installed, require_installed } from "./lamina-node-install.mjs";

const security = await load_installed("eslint-plugin-security");
const typescript = {
  meta: { name: "@typescript-eslint/parser (loaded by lamina on first use)" },
  parseForESLint: (code, options) =>
    require_installed("@typescript-eslint/parser").parseForESLint(code, options),
};

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
