#include "ci/parallel_job.h"

namespace lamina {

std::optional<ParallelJob> parallel_job(const EnvMap& env) {
  std::optional<std::string> index = env_get(env, "CI_NODE_INDEX");
  std::optional<std::string> total = env_get(env, "CI_NODE_TOTAL");
  if (!index) return std::nullopt;
  std::string i = *index, n = total.value_or("");
  return ParallelJob{i + "/" + n, "CI_NODE_INDEX=\"" + i +
                                      "\", CI_NODE_TOTAL=" + (total ? "\"" + n + "\"" : "(unset)")};
}

}  // namespace lamina
