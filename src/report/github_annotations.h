#pragma once
// PR annotations as workflow commands. GitHub records only 10 annotations of each type (error,
// warning, notice) per step and 50 per job, and drops the rest silently; lamina spends that budget
// on the most severe, in-diff, new findings first and says how many it left out.
#include <string>

#include "findings/scan_result.h"

namespace lamina {

struct AnnotationBudget {
  size_t per_type = 10;
  size_t per_job = 50;
};

struct Annotations {
  std::string commands;  // workflow-command lines, ready for stdout
  size_t emitted = 0;    // findings annotated
  size_t left_out = 0;   // findings not annotated
};

// `path_prefix` is prepended to repository paths so they are relative to GITHUB_WORKSPACE when
// the scanned repository is a folder of it ("" otherwise).
Annotations github_annotations(const ScanResult& scan, const std::string& path_prefix,
                               AnnotationBudget budget = {});

}  // namespace lamina
