#pragma once
// Scanner outputs kept beside the reports (catalog `output.keep`): an SBOM generator's document
// is the product, not only findings. One file per run that produced output, for scanners that ran
// to completion; a scanner that failed keeps nothing (its output may be partial).
#include <string>
#include <vector>

#include "outcome/scan_result.h"

namespace lamina {

struct KeptOutput {
  std::string file_name;  // in the report directory
  std::string bytes;      // empty with `stale` set: a file of an earlier run to remove
  bool stale = false;
};

// "sbom.cdx.json" for the first run, "sbom-2.cdx.json" for the second (before the first '.').
std::string kept_file_name(const std::string& keep, size_t run_number);

std::vector<KeptOutput> kept_outputs(const ScanResult& scan);

}  // namespace lamina
