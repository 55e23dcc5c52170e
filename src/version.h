#pragma once
// Build identity, generated at build time by cmake/version_info.cmake.

namespace lamina {
extern const char* const kVersion;      // lamina's semantic version
extern const char* const kBuildCommit;  // short git commit of the source tree, "-dirty" if modified
}  // namespace lamina
