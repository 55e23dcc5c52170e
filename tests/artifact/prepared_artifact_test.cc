#include "artifact/prepared_artifact.h"

#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <limits>

#include "artifact/artifact_fixture.h"
#include "artifact/unpack_interrupts.h"
#include "util/error.h"

namespace lamina {
namespace {

using test::TarEntry;

class PreparedArtifactTest : public test::ArtifactFixture {
 protected:
  // Unpacks `path` expecting an Error; returns its message. The temp parent must be empty after.
  std::string unpack_error(const std::string& path, const UnpackLimits& limits = {}) {
    try {
      prepare_artifact(path, temp_parent(), limits);
    } catch (const Error& e) {
      EXPECT_EQ(e.exit_code(), kExitUsage);
      EXPECT_TRUE(names_in(temp_parent()).empty()) << "temp root left behind";
      return e.what();
    }
    ADD_FAILURE() << path << " unpacked without an error";
    return "";
  }
};

TEST_F(PreparedArtifactTest, LayersStackWithWhiteoutsAndOpaqueFolders) {
  std::string lower = test::make_tar({{"a", TarEntry::dir, "", 0755},
                                      {"a/1", TarEntry::file, "one"},
                                      {"a/2", TarEntry::file, "two"},
                                      {"b/x", TarEntry::file, "bx"},
                                      {"c/y", TarEntry::file, "cy"},
                                      {"d", TarEntry::file, "old"}});
  std::string upper = test::make_tar({{"a/.wh.1", TarEntry::file, ""},
                                      {".wh.b", TarEntry::file, ""},
                                      {"c", TarEntry::dir, "", 0755},
                                      {"c/.wh..wh..opq", TarEntry::file, ""},
                                      {"c/z", TarEntry::file, "cz"},
                                      {"d", TarEntry::file, "new", 0700}},
                                     /*gzip=*/true);
  std::string image = put("image.tar", test::docker_image({lower, upper}));
  {
    PreparedArtifact a = prepare_artifact(image, temp_parent());
    EXPECT_EQ(a.kind, ArtifactKind::docker_image);
    EXPECT_EQ(listing(a.root), (std::vector<std::string>{"a/ 0755", "a/2 0644 two", "c/ 0755",
                                                         "c/z 0644 cz", "d 0755 new"}));
    ASSERT_EQ(a.layer_digests.size(), 2u);
    EXPECT_EQ(a.layer_digests[a.layer_of.at("a/2")], test::digest_for(1));
    EXPECT_EQ(a.layer_digests[a.layer_of.at("d")], test::digest_for(2));
    EXPECT_EQ(a.layer_of.count("a/1"), 0u);
    struct stat st {};
    ASSERT_EQ(::stat(a.root.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0700u);
  }
  EXPECT_TRUE(names_in(temp_parent()).empty());
  expect_nothing_escaped({"image.tar"});
}

TEST_F(PreparedArtifactTest, SetuidBitsDevicesAndFifosNeverReachTheTree) {
  std::string layer = test::make_tar({{"bin/su", TarEntry::file, "x", 04755},
                                      {"bin/g", TarEntry::file, "y", 02644},
                                      {"tmp", TarEntry::dir, "", 01777},
                                      {"dev/null", TarEntry::chardev, "", 0644},
                                      {"run/fifo", TarEntry::fifo, "", 0644}});
  PreparedArtifact a = prepare_artifact(put("i.tar", test::docker_image({layer})), temp_parent());
  EXPECT_EQ(listing(a.root),
            (std::vector<std::string>{"bin/ 0755", "bin/g 0644 y", "bin/su 0755 x", "tmp/ 0755"}));
  EXPECT_EQ(a.skipped_special, 2u);
}

TEST_F(PreparedArtifactTest, AbsoluteAndRelativeSymlinksAreReRootedInsideTheTree) {
  std::string layer = test::make_tar({{"etc/passwd", TarEntry::file, "root"},
                                      {"usr/lib/abs", TarEntry::symlink, "/etc/passwd"},
                                      {"usr/lib/up", TarEntry::symlink, "../../../../../etc"},
                                      {"usr/lib/same", TarEntry::symlink, "abs"},
                                      {"out", TarEntry::symlink, sentinel()}});
  PreparedArtifact a = prepare_artifact(put("i.tar", test::docker_image({layer})), temp_parent());
  EXPECT_EQ(listing(a.root),
            (std::vector<std::string>{"etc/ 0755", "etc/passwd 0644 root",
                                      "out -> " + sentinel().substr(1), "usr/ 0755",
                                      "usr/lib/ 0755", "usr/lib/abs -> ../../etc/passwd",
                                      "usr/lib/same -> abs", "usr/lib/up -> ../../etc"}));
  expect_nothing_escaped({"i.tar"});
}

TEST_F(PreparedArtifactTest, WritingThroughASymlinkOfAnEarlierLayerIsRefused) {
  std::string lower = test::make_tar({{"link", TarEntry::symlink, sentinel()}});
  std::string upper = test::make_tar({{"link/pwned", TarEntry::file, "x"}});
  std::string message = unpack_error(put("i.tar", test::docker_image({lower, upper})));
  EXPECT_NE(message.find("layer 2"), std::string::npos) << message;
  EXPECT_NE(message.find("\"link/pwned\""), std::string::npos) << message;
  EXPECT_NE(message.find("symlink"), std::string::npos) << message;
  expect_nothing_escaped({"i.tar"});
}

TEST_F(PreparedArtifactTest, WritingThroughASymlinkOfTheSameLayerIsRefused) {
  std::string layer = test::make_tar(
      {{"d", TarEntry::symlink, "../../sentinel"}, {"d/pwned", TarEntry::file, "x"}});
  unpack_error(put("i.tar", test::docker_image({layer})));
  expect_nothing_escaped({"i.tar"});
}

TEST_F(PreparedArtifactTest, DotDotEntriesAreRefused) {
  std::string layer = test::make_tar({{"../../sentinel/pwned", TarEntry::file, "x"}});
  std::string message = unpack_error(put("i.tar", test::docker_image({layer})));
  EXPECT_NE(message.find("\"..\" in the path"), std::string::npos) << message;
  expect_nothing_escaped({"i.tar"});
}

TEST_F(PreparedArtifactTest, AbsoluteEntriesAreRefused) {
  std::string layer = test::make_tar({{sentinel() + "/pwned", TarEntry::file, "x"}});
  std::string message = unpack_error(put("i.tar", test::docker_image({layer})));
  EXPECT_NE(message.find("absolute path"), std::string::npos) << message;
  expect_nothing_escaped({"i.tar"});
}

TEST_F(PreparedArtifactTest, HardLinksOutOfTheRootAreRefused) {
  test::write_file(sentinel() + "/target", "secret");
  for (const std::string& target : {sentinel() + "/target", std::string("../sentinel/target")}) {
    std::string layer = test::make_tar({{"h", TarEntry::hardlink, target}});
    unpack_error(put("i.tar", test::docker_image({layer})));
  }
  EXPECT_EQ(names_in(sentinel()), std::set<std::string>{"target"});
  struct stat st {};
  ASSERT_EQ(::stat((sentinel() + "/target").c_str(), &st), 0);
  EXPECT_EQ(st.st_nlink, 1u);
}

TEST_F(PreparedArtifactTest, HardLinksInsideTheRootShareTheFile) {
  std::string layer =
      test::make_tar({{"a", TarEntry::file, "data"}, {"b", TarEntry::hardlink, "a"}});
  PreparedArtifact a = prepare_artifact(put("i.tar", test::docker_image({layer})), temp_parent());
  EXPECT_EQ(listing(a.root), (std::vector<std::string>{"a 0644 data", "b 0644 data"}));
}

TEST_F(PreparedArtifactTest, HardLinkThroughASymlinkIsRefused) {
  test::write_file(sentinel() + "/target", "secret");
  std::string layer =
      test::make_tar({{"s", TarEntry::symlink, sentinel()}, {"h", TarEntry::hardlink, "s/target"}});
  unpack_error(put("i.tar", test::docker_image({layer})));
  EXPECT_EQ(names_in(sentinel()), std::set<std::string>{"target"});
}

TEST_F(PreparedArtifactTest, ACorruptTarballIsAnErrorNamingTheArtifact) {
  std::string tar = test::make_tar({{"a", TarEntry::file, std::string(5000, 'a')},
                                    {"b", TarEntry::file, std::string(5000, 'b')}});
  std::string truncated = tar.substr(0, 3000);
  std::string message = unpack_error(put("broken.tar", truncated));
  EXPECT_NE(message.find("--artifact \"" + dir_.file("broken.tar") + "\""), std::string::npos)
      << message;
  std::string damaged = tar;
  damaged[512 + 5120 + 150] ^= 0x55;  // the checksum of the second header
  unpack_error(put("damaged.tar", damaged));
  expect_nothing_escaped({"broken.tar", "damaged.tar"});
}

TEST_F(PreparedArtifactTest, AManifestNamingAMissingLayerIsAnError) {
  std::string layer = test::make_tar({{"a", TarEntry::file, "x"}});
  std::string missing = "blobs/sha256/" + std::string(64, 'f');
  std::string message = unpack_error(put("i.tar", test::docker_image({layer}, {missing})));
  EXPECT_NE(message.find("\"" + missing + "\", which is not in the image"), std::string::npos)
      << message;
}

TEST_F(PreparedArtifactTest, TheEntryCountLimitNamesTheLimitAndTheEntry) {
  std::string layer = test::make_tar({{"1", TarEntry::file, "x"},
                                      {"2", TarEntry::file, "x"},
                                      {"3", TarEntry::file, "x"},
                                      {"4", TarEntry::file, "x"}});
  UnpackLimits limits;
  limits.entries = 3;
  std::string message = unpack_error(put("a.tar", layer), limits);
  EXPECT_NE(message.find("entry-count limit) at \"4\""), std::string::npos) << message;
}

TEST_F(PreparedArtifactTest, TheSizeLimitsNameTheLimitAndTheEntry) {
  std::string layer = test::make_tar({{"small", TarEntry::file, std::string(100, 'x')},
                                      {"big", TarEntry::file, std::string(100, 'y')}});
  UnpackLimits one_file;
  one_file.entry_bytes = 99;
  std::string message = unpack_error(put("a.tar", layer), one_file);
  EXPECT_NE(message.find("\"small\": larger than the single-file limit of 99"), std::string::npos)
      << message;
  UnpackLimits total;
  total.total_bytes = 150;
  message = unpack_error(put("a.tar", layer), total);
  EXPECT_NE(message.find("\"big\": the artifact unpacks to more than the total limit of 150"),
            std::string::npos)
      << message;
}

TEST_F(PreparedArtifactTest, TheCompressionRatioGuardStopsABomb) {
  std::string layer = test::make_tar({{"zeros", TarEntry::file, std::string(4 << 20, '\0')}},
                                     /*gzip=*/true);
  UnpackLimits limits;
  limits.ratio_floor = 1 << 20;
  limits.compression_ratio = 100;
  std::string message = unpack_error(put("bomb.tar.gz", layer), limits);
  EXPECT_NE(message.find("unpacks to more than 100 bytes per byte of the archive"),
            std::string::npos)
      << message;
}

// Issue 13 item 9: a sparse entry declares gigabytes in a few KB of tar; its logical size counts.
TEST_F(PreparedArtifactTest, ASparseEntryCountsAtItsFullSizeCompressedOrNot) {
  if (test::run({"tar", "--version"}).exit_code != 0) GTEST_SKIP() << "no GNU tar";
  // 256 MiB of holes and one byte of data at the end: the archive holds the byte and a map.
  std::string holes = put("holes", "");
  ASSERT_EQ(::truncate(holes.c_str(), 256LL << 20), 0);
  {
    std::fstream end(holes, std::ios::in | std::ios::out | std::ios::binary);
    end.seekp((256LL << 20) - 1);
    end.put('x');
  }
  for (const char* compress : {"", "z"}) {
    std::string name = std::string("sparse.tar") + (*compress ? ".gz" : "");
    std::string flags = std::string("-c") + compress + "f";
    ASSERT_EQ(test::run({"tar", "--sparse", "--format=posix", flags, dir_.file(name), "-C",
                         dir_.path(), "holes"})
                  .exit_code,
              0);
    ASSERT_LT(std::filesystem::file_size(dir_.file(name)), 64u << 10);
    UnpackLimits limits;
    limits.ratio_floor = 1 << 20;
    limits.compression_ratio = 100;
    std::string message = unpack_error(dir_.file(name), limits);
    EXPECT_NE(message.find("entry \"holes\": unpacks to more than 100 bytes per byte"),
              std::string::npos)
        << name << ": " << message;
  }
}

TEST_F(PreparedArtifactTest, UnpackingStopsBeforeTheDiskFillsUp) {
  std::string layer = test::make_tar({{"big", TarEntry::file, std::string(1 << 20, 'x')}});
  UnpackLimits limits;
  limits.free_disk_reserve = std::numeric_limits<uint64_t>::max() / 2;  // more than any disk
  std::string message = unpack_error(put("a.tar", layer), limits);
  EXPECT_NE(message.find("entry \"big\": unpacking it would leave less than"), std::string::npos)
      << message;
  EXPECT_NE(message.find("free-disk limit"), std::string::npos) << message;
}

// Issue 13 item 8: a newline in a member name would split clamscan's "<path>: <virus> FOUND" line
// into a path outside the artifact; the archive is refused at unpack time.
TEST_F(PreparedArtifactTest, ControlCharactersInMemberNamesAreRefused) {
  for (const std::string& name : {std::string("app/x\n/etc/passwd"), std::string("a\tb"),
                                  std::string("esc\x1b[2J"), std::string("c1\xc2\x85x")}) {
    std::string layer =
        test::make_tar({{"ok", TarEntry::file, "fine"}, {name, TarEntry::file, "X"}});
    std::string message = unpack_error(put("i.tar", test::docker_image({layer})));
    EXPECT_NE(message.find("control character (newline, tab, escape...) in the path"),
              std::string::npos)
        << message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << "the error itself is one line";
  }
}

TEST_F(PreparedArtifactTest, APlainArchiveIsUnpackedWithoutWhiteoutRules) {
  std::string tar = test::make_tar(
      {{"dist/app.js", TarEntry::file, "js"}, {"dist/.wh.keep", TarEntry::file, "kept"}},
      /*gzip=*/true);
  PreparedArtifact a = prepare_artifact(put("dist.tgz", tar), temp_parent());
  EXPECT_EQ(a.kind, ArtifactKind::archive);
  EXPECT_EQ(listing(a.root), (std::vector<std::string>{"dist/ 0755", "dist/.wh.keep 0644 kept",
                                                       "dist/app.js 0644 js"}));
}

TEST_F(PreparedArtifactTest, FoldersAndPlainFilesAreScannedInPlace) {
  std::string file = put("app.bin", "not an archive");
  PreparedArtifact f = prepare_artifact(file, temp_parent());
  EXPECT_EQ(f.kind, ArtifactKind::file);
  EXPECT_EQ(f.scan_path, file);
  EXPECT_EQ(f.temp, nullptr);
  put("site/index.html", "<html>");
  PreparedArtifact d = prepare_artifact(dir_.file("site"), temp_parent());
  EXPECT_EQ(d.kind, ArtifactKind::folder);
  EXPECT_EQ(d.root, dir_.file("site"));
  EXPECT_TRUE(names_in(temp_parent()).empty());
}

TEST_F(PreparedArtifactTest, AFileNamedLikeAnArchiveThatIsNotOneIsAnError) {
  unpack_error(put("app.tar.gz", "not gzip at all"));
}

TEST_F(PreparedArtifactTest, AnOciLayoutFolderIsUnpackedFromItsIndex) {
  std::string layer = test::make_tar({{"app/run", TarEntry::file, "#!/bin/sh", 0755}}, true);
  std::string layer_digest = test::digest_for(7);
  std::string manifest =
      "{\"schemaVersion\":2,\"layers\":[{\"mediaType\":"
      "\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"" +
      layer_digest + "\"}]}";
  std::string manifest_digest = test::digest_for(8);
  put("oci/oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}");
  put("oci/index.json", "{\"schemaVersion\":2,\"manifests\":[{\"digest\":\"" + manifest_digest +
                            "\",\"platform\":{\"os\":\"linux\",\"architecture\":\"amd64\"}}]}");
  put("oci/blobs/sha256/" + manifest_digest.substr(7), manifest);
  put("oci/blobs/sha256/" + layer_digest.substr(7), layer);
  PreparedArtifact a = prepare_artifact(dir_.file("oci"), temp_parent());
  EXPECT_EQ(a.kind, ArtifactKind::oci_image);
  EXPECT_EQ(listing(a.root), (std::vector<std::string>{"app/ 0755", "app/run 0755 #!/bin/sh"}));
  EXPECT_EQ(a.layer_digests, std::vector<std::string>{layer_digest});
}

TEST_F(PreparedArtifactTest, AnOciLayoutTarballIsUnpackedLikeTheFolder) {
  std::string layer_digest = test::digest_for(3), manifest_digest = test::digest_for(4);
  std::string manifest = "{\"layers\":[{\"digest\":\"" + layer_digest + "\"}]}";
  std::string tar = test::make_tar(
      {{"oci-layout", TarEntry::file, "{\"imageLayoutVersion\":\"1.0.0\"}"},
       {"index.json", TarEntry::file, "{\"manifests\":[{\"digest\":\"" + manifest_digest + "\"}]}"},
       {"blobs/sha256/" + manifest_digest.substr(7), TarEntry::file, manifest},
       {"blobs/sha256/" + layer_digest.substr(7), TarEntry::file,
        test::make_tar({{"srv/index.html", TarEntry::file, "hi"}})}});
  PreparedArtifact a = prepare_artifact(put("oci.tar", tar), temp_parent());
  EXPECT_EQ(a.kind, ArtifactKind::oci_image);
  EXPECT_EQ(listing(a.root), (std::vector<std::string>{"srv/ 0755", "srv/index.html 0644 hi"}));
  EXPECT_EQ(a.layer_digests, std::vector<std::string>{layer_digest});
}

TEST_F(PreparedArtifactTest, ZstdAndXzArchivesAreRead) {
  std::string tar = put("a.tar", test::make_tar({{"x", TarEntry::file, "data"}}));
  for (const std::vector<std::string>& compress :
       {std::vector<std::string>{"zstd", "-q", "-f", tar, "-o", tar + ".zst"},
        std::vector<std::string>{"xz", "-k", "-f", tar}}) {
    if (test::run({"which", compress[0]}).exit_code != 0) GTEST_SKIP() << compress[0] << " missing";
    ASSERT_EQ(test::run(compress).exit_code, 0);
  }
  for (const char* name : {"a.tar.zst", "a.tar.xz"}) {
    PreparedArtifact a = prepare_artifact(dir_.file(name), temp_parent());
    EXPECT_EQ(a.kind, ArtifactKind::archive) << name;
    EXPECT_EQ(listing(a.root), std::vector<std::string>{"x 0644 data"}) << name;
  }
}

TEST_F(PreparedArtifactTest, AnOciLayoutWithAHostileDigestIsRefused) {
  put("oci/oci-layout", "{}");
  put("oci/index.json", "{\"manifests\":[{\"digest\":\"sha256:../../../sentinel\"}]}");
  std::string message = unpack_error(dir_.file("oci"));
  EXPECT_NE(message.find("is not sha256:<hex>"), std::string::npos) << message;
}

TEST_F(PreparedArtifactTest, ASignalWhileUnpackingStopsItAndRemovesTheTempRoot) {
  std::string image =
      put("i.tar", test::docker_image({test::make_tar({{"a", TarEntry::file, "x"}})}));
  UnpackInterrupts interrupts;
  ::raise(SIGTERM);
  try {
    prepare_artifact(image, temp_parent());
    ADD_FAILURE() << "unpacked despite SIGTERM";
  } catch (const Error& e) {
    EXPECT_EQ(e.exit_code(), 128 + SIGTERM);
    EXPECT_NE(std::string(e.what()).find("interrupted by signal 15"), std::string::npos);
  }
  EXPECT_TRUE(names_in(temp_parent()).empty());
}

}  // namespace
}  // namespace lamina
