#pragma once
// Inline suppression comments a change adds (`# nosec`, `// eslint-disable-line`,
// `# shellcheck disable=SC2086`, `gitleaks:allow`, ...). Under --config-from base the change is
// untrusted: its .lamina.yml, ignore files and scanner configuration cannot silence a scanner, and
// neither may a comment on the line it adds. Most tools have no switch to ignore their directives,
// so lamina reports each one as a finding of its own that gates like any other, for a reviewer to
// accept (in the base configuration or the baseline), never silently.
#include <string>
#include <string_view>
#include <vector>

#include "git/change_set.h"
#include "model/finding.h"

namespace lamina {

inline constexpr const char* kSuppressionScannerId = "inline-suppressions";

// The directives on `file`'s added lines of `content` (the file at the head of the change), each
// a sev2 finding of kSuppressionScannerId naming the directive and the scanner it silences.
// A binary file (no line diff) is searched whole.
std::vector<Finding> added_suppressions(const FileChange& file, std::string_view content);

// The finding for a changed file that could not be read or is too large to search (`why`): what
// cannot be checked fails closed.
Finding unchecked_for_suppressions(const FileChange& file, const std::string& why);

}  // namespace lamina
