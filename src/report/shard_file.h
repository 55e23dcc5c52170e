#pragma once
// lamina-shard.json: what one shard of `lamina scan --shard I/N` ran and found, written into its
// report folder beside the usual reports, read back by `lamina merge`. It holds the shard's
// scanners (state, runs, notes) and its findings in full, none left out for GitHub's SARIF limits,
// and what merge needs to tell whether every shard of the same plan is there: which shard of how
// many, the plan's fingerprint and the ids of all its invocations, and those this shard ran.
// Another job wrote it: it is read strictly (types, paths inside the repository), and any fault
// is an Error naming the file and the field.
#include <chrono>
#include <string>
#include <vector>

#include "outcome/scan_result.h"
#include "plan/shards.h"

namespace lamina {

struct ShardFile {
  ShardSpec shard;
  std::string plan_fingerprint;
  std::vector<std::string> invocations;  // every invocation id of the plan, in plan order
  std::vector<std::string> ran;          // those this shard ran
  int exit_code = 0;                     // the shard's own gate exit code
  std::chrono::milliseconds wall{0};     // how long its scanners took, first start to last end
  // layer, changes.base/head, scanners, findings (before the diff filter and the baseline marks:
  // merge places them again), refused_paths, not_covered, critical_path, incomplete.
  ScanResult scan;
};

std::string shard_file_json(const ShardFile& file);

// Throws Error naming `name` and the field when `text` is not a shard file lamina wrote.
ShardFile read_shard_file(const std::string& text, const std::string& name);

}  // namespace lamina
