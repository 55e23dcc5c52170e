// ESLint's --format (a path, so ESLint does not resolve a package name from the project): the
// SARIF formatter from the folder ESLint is installed in.
import { load_installed } from "./lamina-node-install.mjs";

export default await load_installed("@microsoft/eslint-formatter-sarif");
