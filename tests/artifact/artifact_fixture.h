#pragma once
// A workspace for unpack tests: `tmp/` is the temp parent lamina unpacks under and `sentinel/` a
// folder hostile entries aim at; both must end up empty. Also lists an unpacked tree exactly.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "artifact/tar_builder.h"
#include "test_support.h"

namespace lamina::test {

class ArtifactFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::create_directories(dir_.file("tmp"));
    std::filesystem::create_directories(dir_.file("sentinel"));
  }
  std::string temp_parent() const { return dir_.file("tmp"); }
  std::string sentinel() const { return dir_.file("sentinel"); }

  // Writes `bytes` as a file of the workspace; returns its path.
  std::string put(const std::string& name, const std::string& bytes) {
    write_file(dir_.file(name), bytes);
    return dir_.file(name);
  }

  // Names in a folder, sorted.
  static std::set<std::string> names_in(const std::string& folder) {
    std::set<std::string> out;
    for (const auto& e : std::filesystem::directory_iterator(folder)) {
      out.insert(e.path().filename().string());
    }
    return out;
  }

  // Nothing landed outside the temp root: the sentinel is empty and the workspace holds only
  // what the test put there.
  void expect_nothing_escaped(const std::set<std::string>& inputs) {
    EXPECT_TRUE(names_in(sentinel()).empty());
    std::set<std::string> expected = inputs;
    expected.insert("tmp");
    expected.insert("sentinel");
    EXPECT_EQ(names_in(dir_.path()), expected);
  }

  // "path kind [mode] [content | -> target]" per entry, sorted: the exact tree.
  static std::vector<std::string> listing(const std::string& root) {
    std::vector<std::string> out;
    for (auto it = std::filesystem::recursive_directory_iterator(root);
         it != std::filesystem::recursive_directory_iterator(); ++it) {
      // Not std::filesystem::relative: it resolves symlinks.
      std::string rel = it->path().string().substr(root.size() + 1);
      struct stat st{};
      ::lstat(it->path().c_str(), &st);
      char mode[8];
      std::snprintf(mode, sizeof mode, "%04o", st.st_mode & 07777);
      if (S_ISLNK(st.st_mode)) {
        out.push_back(rel + " -> " + std::filesystem::read_symlink(it->path()).string());
      } else if (S_ISDIR(st.st_mode)) {
        out.push_back(rel + "/ " + mode);
      } else {
        std::ifstream in(it->path(), std::ios::binary);
        std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        out.push_back(rel + " " + mode + " " + data);
      }
    }
    std::sort(out.begin(), out.end());
    return out;
  }

  TempDir dir_;
};

// A fake but well-formed digest, distinct per number.
inline std::string digest_for(int n) {
  std::string hex = std::to_string(n);
  return "sha256:" + std::string(64 - hex.size(), 'a') + hex;
}

// A `docker save` tarball of `layers` (bottom first), with a config giving their diff ids.
inline std::string docker_image(const std::vector<std::string>& layers,
                                const std::vector<std::string>& extra_layer_names = {}) {
  std::vector<TarEntry> members;
  std::string names, ids;
  for (size_t i = 0; i < layers.size(); ++i) {
    std::string digest = digest_for(static_cast<int>(i + 1));
    std::string member = "blobs/sha256/" + digest.substr(7);
    members.push_back({member, TarEntry::file, layers[i]});
    names += (i ? "," : "") + ("\"" + member + "\"");
    ids += (i ? "," : "") + ("\"" + digest + "\"");
  }
  for (const std::string& name : extra_layer_names) names += ",\"" + name + "\"";
  members.push_back({"config.json", TarEntry::file, "{\"rootfs\":{\"diff_ids\":[" + ids + "]}}"});
  members.push_back({"manifest.json", TarEntry::file,
                     "[{\"Config\":\"config.json\",\"RepoTags\":[\"app:1\"],\"Layers\":[" +
                         names + "]}]"});
  return make_tar(members);
}

}  // namespace lamina::test
