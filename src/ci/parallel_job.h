#pragma once
// The CI system's own parallel jobs: GitLab's `parallel: N` gives each copy of a job
// CI_NODE_INDEX (1-based) and CI_NODE_TOTAL. lamina scan uses them as --shard when no --shard is
// given. (GitHub's job matrix sets nothing: the workflow passes --shard from the matrix.)
#include <optional>
#include <string>

#include "util/env.h"

namespace lamina {

struct ParallelJob {
  std::string shard;   // "CI_NODE_INDEX/CI_NODE_TOTAL" as given, e.g. "2/3" (checked by the caller)
  std::string origin;  // "CI_NODE_INDEX=2, CI_NODE_TOTAL=3", for error messages
};

// nullopt when CI_NODE_INDEX is unset: GitLab sets CI_NODE_TOTAL=1 in every job, CI_NODE_INDEX only
// in `parallel:` jobs. When CI_NODE_TOTAL is missing, `shard` lacks that half, so the caller's
// check names both.
std::optional<ParallelJob> parallel_job(const EnvMap& env);

}  // namespace lamina
