#pragma once
// GitLab reports: the Code Quality report (every finding with a file) and the security reports
// (schema 15.2.1) for the scanners of each kind: sast, secret_detection, dependency_scanning.
#include <string>

#include "findings/scan_result.h"

namespace lamina {

struct GitlabReport {
  std::string text;
  size_t written = 0;
  size_t skipped = 0;  // findings the format cannot carry (no file, no package), counted
};

GitlabReport gitlab_code_quality(const ScanResult& scan);

// `kind` is "sast", "secret_detection" or "dependency_scanning"; only scanners whose
// report_kind matches contribute. `commit_sha` is required by secret detection.
GitlabReport gitlab_security_report(const ScanResult& scan, const std::string& kind,
                                    const std::string& commit_sha);

}  // namespace lamina
