#pragma once
// The environment a scanner gets: the minimum it needs to run plus what its catalog entry names,
// never lamina's credentials (reviewdog strips its tokens from its tools' environment the same
// way).
#include <string>
#include <vector>

#include "util/env.h"

namespace lamina {

// "NAME=value" entries, sorted by name: PATH (a default when lamina has none), HOME, LANG
// (C.UTF-8 when lamina has none of LANG, LC_ALL, LC_CTYPE), LC_*, TMPDIR=`run_tmp`, plus each name
// in `allowed` that `lamina_env` has. Credentials (GITHUB_TOKEN, CI_JOB_TOKEN, ACTIONS_*, *_TOKEN,
// *_SECRET, *_PASSWORD, *_KEY) pass only when `allowed` names them exactly.
std::vector<std::string> scanner_environment(const EnvMap& lamina_env,
                                             const std::vector<std::string>& allowed,
                                             const std::string& run_tmp);

// True for names that look like credentials (the list above).
bool is_credential_name(const std::string& name);

}  // namespace lamina
