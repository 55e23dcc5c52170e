#pragma once
// The merged SARIF 2.1.0 log: one run per scanner, each with a stable, unique
// automationDetails.id (lamina/<layer>/<scanner>/) so GitHub accepts them in one upload, and
// within GitHub's ingestion limits (runs per file, results per run, gzipped size): when a limit
// is hit, the most severe results are kept and what was cut is reported in the log itself.
#include <string>
#include <vector>

#include "outcome/scan_result.h"

namespace lamina {

struct SarifLimits {
  size_t max_runs = 20;
  size_t max_results_per_run = 25000;
  size_t max_gzip_bytes = 10 * 1000 * 1000;
};

struct SarifReport {
  std::string text;  // the JSON document
  size_t results_written = 0;
  size_t results_cut = 0;  // left out to meet the limits
  size_t runs_cut = 0;
  std::vector<std::string> notes;  // one sentence per limit hit
};

// `repo_root` is the absolute repository root, the %SRCROOT% base of every result path.
SarifReport write_sarif(const ScanResult& scan, const std::string& repo_root,
                        const SarifLimits& limits = {});

// RFC 3986 percent-encoding of a repository path for an artifactLocation uri ('/' kept).
std::string uri_from_path(const std::string& path);

}  // namespace lamina
