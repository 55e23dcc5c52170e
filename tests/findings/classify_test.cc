#include "findings/classify.h"

#include <gtest/gtest.h>

namespace lamina {
namespace {

// A clamscan run over an unpacked image, as the runner returns it.
RunResult clamscan_run(const std::string& printed_path) {
  RunResult run;
  run.invocation.scanner_id = "clamscan";
  run.invocation.format = "clamscan";
  run.invocation.ok_exit_codes = {0, 1};
  run.invocation.cwd = "/repo";
  run.invocation.artifact = 0;
  run.status = RunStatus::exited;
  run.exit_code = 1;
  run.stdout_data = printed_path + ": Eicar-Signature FOUND\n\nInfected files: 1\n";
  return run;
}

PreparedArtifact unpacked_image() {
  PreparedArtifact image;
  image.given = "image.tar";
  image.kind = ArtifactKind::docker_image;
  image.root = "/tmp/lamina-artifact-Ab12Cd";
  image.layer_digests = {"sha256:base", "sha256:app"};
  image.layer_of = {{"usr/lib/evil.so", 1}};
  return image;
}

TEST(ClassifyRun, FindingsInAnUnpackedArtifactNameThePathInsideIt) {
  PreparedArtifact image = unpacked_image();
  ClassifiedRun c =
      classify_run(clamscan_run("/tmp/lamina-artifact-Ab12Cd/usr/lib/evil.so"), "/repo", &image);
  ASSERT_EQ(c.findings.size(), 1u);
  EXPECT_EQ(c.refused_paths, 0u);
  EXPECT_EQ(c.findings[0].location.path, "");
  EXPECT_EQ(c.findings[0].artifact_path, "image.tar!/usr/lib/evil.so");
  EXPECT_EQ(c.findings[0].artifact_layer, "sha256:app");
}

TEST(ClassifyRun, AnArtifactRunStillRefusesPathsOutsideTheUnpackedTree) {
  PreparedArtifact image = unpacked_image();
  ClassifiedRun c = classify_run(clamscan_run("/etc/passwd"), "/repo", &image);
  EXPECT_TRUE(c.findings.empty());
  EXPECT_EQ(c.refused_paths, 1u);
}

}  // namespace
}  // namespace lamina
