#pragma once
// `lamina merge`: the shard files of one sharded scan joined into the findings and scanner states
// one unsharded scan would have had. Pure: the caller reads the files and places the findings.
#include <string>
#include <vector>

#include "outcome/scan_result.h"
#include "report/shard_file.h"

namespace lamina {

// The pseudo-scanner a merge that lacks a shard, or got shards of different plans, reports
// failed: a scan with a shard missing is unverified, never a smaller pass.
inline constexpr const char* kShardsScannerId = "lamina-shards";

struct ShardInput {
  std::string origin;  // the folder given to lamina merge, for messages
  ShardFile file;
};

struct MergedShards {
  ScanResult scan;  // layer, scanners, findings, refused_paths, not_covered, critical_path,
                    // incomplete, changes.base/head (of the first shard)
  // Why the merge is not the whole scan: a shard missing or given twice, shards of another plan,
  // commit or layer, an invocation no shard ran. Empty when every shard is there.
  std::vector<std::string> problems;
};

// Scanners are joined by id (plan order): the worst state of the shards that ran any of its
// invocations wins (failed > timed out > cancelled > findings > clean), their runs, counts and
// notes add up; a scanner every shard skipped keeps the first shard's reason. Findings are all
// kept, at most kMaxFindingsPerScanner per scanner as in one scan. `shards` may be in any order.
MergedShards merge_shards(std::vector<ShardInput> shards);

// The failed ScannerOutcome (kShardsScannerId) that carries `problems` into every report.
ScannerOutcome shard_failure(const std::vector<std::string>& problems);

}  // namespace lamina
