#include "ci/parallel_job.h"

#include <gtest/gtest.h>

namespace lamina {
namespace {

TEST(ParallelJob, NoneOutsideAParallelJobWhereGitlabSetsOnlyTheTotalOfOne) {
  EXPECT_FALSE(parallel_job({{"GITLAB_CI", "true"}}));
  EXPECT_FALSE(parallel_job({{"GITLAB_CI", "true"}, {"CI_NODE_TOTAL", "1"}}));
}

TEST(ParallelJob, GitlabNodeIndexAndTotalAreTheShard) {
  std::optional<ParallelJob> job = parallel_job({{"CI_NODE_INDEX", "2"}, {"CI_NODE_TOTAL", "3"}});
  ASSERT_TRUE(job);
  EXPECT_EQ(job->shard, "2/3");
  EXPECT_EQ(job->origin, "CI_NODE_INDEX=\"2\", CI_NODE_TOTAL=\"3\"");
}

TEST(ParallelJob, AnIndexWithoutTotalNamesTheTotalUnset) {
  std::optional<ParallelJob> job = parallel_job({{"CI_NODE_INDEX", "3"}});
  ASSERT_TRUE(job);
  EXPECT_EQ(job->shard, "3/");
  EXPECT_EQ(job->origin, "CI_NODE_INDEX=\"3\", CI_NODE_TOTAL=(unset)");
}

}  // namespace
}  // namespace lamina
