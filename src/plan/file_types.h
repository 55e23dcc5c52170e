#pragma once
// The file types coverage reports group changed files by, and which of them lamina counts when
// no catalog entry reads them: source code, infrastructure as code and dependency manifests.
// Prose, data (.json, .csv), images and other binary files are not counted: only the secret
// scanners read them, and a list of every changed README or icon would hide the gaps that matter.
#include <string>
#include <string_view>

namespace lamina {

// A well-known file name ("Dockerfile", "package-lock.json", "Dockerfile.prod" -> "Dockerfile"),
// else the extension in lower case (".go"), else "" (no extension; ".gitignore" has none).
std::string file_type_of(std::string_view path);

// The kind of check a file of `type` calls for when no catalog entry reads it ("sast" for source
// code, "iac", "dependencies"), or "" when lamina does not count the type.
std::string_view expected_check(std::string_view type);

}  // namespace lamina
