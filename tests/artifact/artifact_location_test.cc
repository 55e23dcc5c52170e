#include "artifact/artifact_location.h"

#include <gtest/gtest.h>

namespace lamina {
namespace {

TEST(ArtifactLocation, ImageFindingsNameThePathInsideAndTheLayer) {
  PreparedArtifact image;
  image.given = "build/image.tar";
  image.kind = ArtifactKind::docker_image;
  image.layer_digests = {"sha256:aa", "sha256:bb"};
  image.layer_of = {{"usr/lib/x.so", 1}};
  Finding f;
  f.location.path = "usr/lib/x.so";
  f.related.push_back(Location{"usr/lib/y.so", {}, "also"});
  place_in_artifact(f, image);
  EXPECT_EQ(f.location.path, "");
  EXPECT_EQ(f.artifact_path, "build/image.tar!/usr/lib/x.so");
  EXPECT_EQ(f.artifact_layer, "sha256:bb");
  EXPECT_TRUE(f.related.empty());
}

TEST(ArtifactLocation, FoldersAndFilesKeepTheirOwnPaths) {
  PreparedArtifact folder;
  folder.given = "dist/";
  folder.kind = ArtifactKind::folder;
  EXPECT_EQ(artifact_display_path(folder, "app.js"), "dist/app.js");
  PreparedArtifact file;
  file.given = "out/app.bin";
  file.kind = ArtifactKind::file;
  EXPECT_EQ(artifact_display_path(file, "app.bin"), "out/app.bin");
}

}  // namespace
}  // namespace lamina
