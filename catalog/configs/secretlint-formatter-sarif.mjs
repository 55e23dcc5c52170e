// secretlint's --format (an absolute path: secretlint first tries the name as a file relative to
// the working directory, which is the scanned repository): the SARIF formatter from the folder
// secretlint is installed in.
import { load_installed } from "./lamina-node-install.mjs";

export default await load_installed("@secretlint/secretlint-formatter-sarif");
