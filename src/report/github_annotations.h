#pragma once
// PR annotations as workflow commands. They follow the gate: findings that fail it are `error`
// and come first; the others (counted below fail-on, outside the diff filter, in the baseline)
// are `notice`, after them; findings the tool suppressed are not annotated. GitHub records only 10
// annotations of each type per step and 50 per job and drops the rest silently, so when a type
// overflows its last slot says how many were left out and where they are.
#include <optional>
#include <string>

#include "outcome/scan_result.h"

namespace lamina {

struct AnnotationBudget {
  size_t per_type = 10;
  size_t per_job = 50;
};

struct Annotations {
  std::string commands;   // workflow-command lines, ready for stdout
  size_t emitted = 0;     // findings annotated
  size_t left_out = 0;    // findings not annotated for want of budget
  size_t suppressed = 0;  // findings not annotated because the tool suppressed them
};

// `path_prefix` is prepended to repository paths so they are relative to GITHUB_WORKSPACE when
// the scanned repository is a folder of it ("" otherwise). `summary_lists` is how many findings
// the job summary lists (the first ones of by_attention()), nullopt when no summary is written.
Annotations github_annotations(const ScanResult& scan, const std::string& path_prefix,
                               std::optional<size_t> summary_lists, AnnotationBudget budget = {});

}  // namespace lamina
