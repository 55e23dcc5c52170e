#pragma once
// The GitHub job summary ($GITHUB_STEP_SUMMARY, GitHub-flavoured Markdown, at most 1 MiB per
// step): verdict, one table row per scanner, the top findings with links to the lines at the head
// commit, and a Mermaid Gantt chart of the scanner runs marking the critical path.
#include <string>

#include "outcome/scan_result.h"

namespace lamina {

struct SummaryOptions {
  size_t max_bytes = 1000 * 1000;  // under GitHub's 1 MiB limit, with room for other steps
  size_t max_findings = 200;
  std::string sarif_path;  // mentioned where to see everything
};

// `findings_listed`, when given, receives how many findings the top-findings table lists: the
// first ones of by_attention(), which the annotations' overflow note relies on.
std::string step_summary_markdown(const ScanResult& scan, const SummaryOptions& options = {},
                                  size_t* findings_listed = nullptr);

}  // namespace lamina
