// lamina's scanner configuration (embedded in the lamina binary, written to a private folder for
// each run): loads packages from the folder the running scanner was installed in, never from the
// scanned project. Resolving a bare name from the project would follow its node_modules and its
// own package.json ("name" + "exports", Node's self-reference), which a pull request controls.
import { realpathSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

// The scanner's own script (node_modules/<tool>/bin/...), with symlinks (node_modules/.bin)
// resolved, is where Node starts looking: its package, then the node_modules folders above it.
const installed = createRequire(realpathSync(process.argv[1]));

export async function load_installed(name) {
  return (await import(pathToFileURL(installed.resolve(name)).href)).default;
}

// The same, loaded synchronously (a CommonJS package), for a module only some runs need.
export function require_installed(name) {
  return installed(name);
}
