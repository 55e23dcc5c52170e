#pragma once
// Checks on the revision texts lamina takes from CI variables, payloads and the command line
// before they reach git: commit SHAs, branch names, user-given revisions.
#include <optional>
#include <string>
#include <string_view>

namespace lamina {

// A full commit id: 40 (SHA-1) or 64 (SHA-256) hexadecimal digits.
bool is_commit_sha(std::string_view text);

// The all-zeros id platforms use for "no commit" (a new branch's `before`, a deleted `after`).
bool is_null_sha(std::string_view text);

// The first 7 digits, as git abbreviates.
std::string short_sha(std::string_view sha);

// A branch name git would accept (the rules of `git check-ref-format --branch`), which also
// cannot be taken for a command-line option: no leading '-', no control characters or spaces,
// none of ~^:?*[\, no "..", "@{", "//", no trailing '/', '.' or ".lock", no component starting
// with '.'.
bool is_branch_name(std::string_view text);

// A revision from the command line that is safe to hand to git: not empty, no leading '-'
// (it would read as an option), no control characters.
bool is_revision_text(std::string_view text);

// A pull or merge request number ("42"): decimal digits only, greater than zero.
std::optional<long> parse_request_number(std::string_view text);

}  // namespace lamina
