#pragma once
// `lamina action [SCAN OPTIONS...]`: the entry of the GitHub Docker action (action.yml). The runner
// hands a Docker action its inputs as environment variables INPUT_<NAME> (the input's name in upper
// case, hyphens kept: INPUT_FAIL-ON); this turns them into the argv of `lamina scan`. No shell
// ever sees an input value: each becomes one argv element, except the documented lists below.
#include <string>
#include <vector>

#include "util/env.h"

namespace lamina {

// The `lamina scan` argv (without the program name) that the action's inputs ask for:
//   layer (default inline), fail-on, filter, out, config, config-from, jobs, target-url, baseline:
//     "--NAME VALUE" when the input is non-empty, else nothing (lamina's own default applies);
//   artifact: one --artifact per non-blank line;
//   args: further scan arguments, split on blanks (spaces, tabs, newlines), no quoting.
// `extra` (the words after `lamina action` on the command line) are appended last.
// INPUT_FAIL_ON (underscore) is read when INPUT_FAIL-ON is unset, for runners and shells that
// cannot set names with hyphens.
std::vector<std::string> action_scan_argv(const EnvMap& env, const std::vector<std::string>& extra);

}  // namespace lamina
