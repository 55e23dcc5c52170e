#pragma once
// The git command lines lamina prints (in notes, and as fixes to paste): every argument that a
// POSIX shell would read differently is single-quoted, so a pasted command does exactly what it
// says whatever the branch name holds (git allows `;`, `$`, `|`, quotes...).
#include <string>
#include <vector>

namespace lamina::git {

// "git ARG..." with each argument quoted for the shell when needed.
std::string git_command_text(const std::vector<std::string>& args);

// The refspec that fetches `branch` of `remote` by name into its remote-tracking ref:
// "+refs/heads/<branch>:refs/remotes/<remote>/<branch>".
std::string branch_refspec(const std::string& remote, const std::string& branch);

}  // namespace lamina::git
