#include "ci/parallel_job.h"

#include <gtest/gtest.h>

namespace lamina {
namespace {

TEST(ParallelJob, NoneOutsideAParallelJob) {
  EXPECT_FALSE(parallel_job({{"GITLAB_CI", "true"}}));
}

TEST(ParallelJob, GitlabNodeIndexAndTotalAreTheShard) {
  std::optional<ParallelJob> job = parallel_job({{"CI_NODE_INDEX", "2"}, {"CI_NODE_TOTAL", "3"}});
  ASSERT_TRUE(job);
  EXPECT_EQ(job->shard, "2/3");
  EXPECT_EQ(job->origin, "CI_NODE_INDEX=\"2\", CI_NODE_TOTAL=\"3\"");
}

TEST(ParallelJob, OneVariableAloneIsNamedAsUnset) {
  std::optional<ParallelJob> job = parallel_job({{"CI_NODE_TOTAL", "3"}});
  ASSERT_TRUE(job);
  EXPECT_EQ(job->shard, "/3");
  EXPECT_EQ(job->origin, "CI_NODE_INDEX=(unset), CI_NODE_TOTAL=\"3\"");
}

}  // namespace
}  // namespace lamina
