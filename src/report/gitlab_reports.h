#pragma once
// GitLab reports: the Code Quality report (every finding with a repository file that the tool did
// not suppress) and the security reports
// (schema 15.2.1) for the scanners of each kind: sast, secret_detection, dependency_scanning,
// container_scanning. Pre-deploy findings on an artifact have no repository file: the security
// reports name the path inside the artifact instead, with the image layer in `details`.
#include <string>

#include "outcome/scan_result.h"

namespace lamina {

struct GitlabReport {
  std::string text;
  size_t written = 0;
  size_t skipped = 0;     // findings the format cannot carry (no file, no package, no OS), counted
  size_t suppressed = 0;  // Code Quality: of `skipped`, those the tool suppressed
};

inline constexpr const char* kGitlabSecurityKinds[] = {"sast", "secret_detection",
                                                       "dependency_scanning", "container_scanning"};

GitlabReport gitlab_code_quality(const ScanResult& scan);

// What a Code Quality report left out and why, for the console (the format, a bare list of
// issues, has no place to say it): "3 of 10 findings left out of gl-code-quality-report.json: ...".
std::string gitlab_code_quality_note(const GitlabReport& report);

// "gl-container-scanning-report.json" for "container_scanning", and so on.
std::string gitlab_report_file(const std::string& kind);

// Why `kind` leaves a finding out, for the note naming how many were left out.
const char* gitlab_skip_reason(const std::string& kind);

// `kind` is one of kGitlabSecurityKinds; only scanners whose report_kind matches contribute.
// `commit_sha` is required by secret detection. Container scanning carries the findings that
// name a package, its version, the OS and the image (from artifact_path).
GitlabReport gitlab_security_report(const ScanResult& scan, const std::string& kind,
                                    const std::string& commit_sha);

}  // namespace lamina
