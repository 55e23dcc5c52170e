// lamina's own scanner configuration files: every file of catalog/configs/ is in the binary,
// written read-only to a private folder with {configs} filled in, and every {configs}/NAME the
// built-in catalog names is one of them.
#include "exec/scanner_configs.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>

#include "catalog/catalog.h"
#include "test_support.h"
#include "util/file_io.h"

namespace lamina {
namespace {

TEST(ScannerConfigs, TheBinaryHoldsExactlyTheFilesOfCatalogConfigs) {
  std::vector<std::string> on_disk;
  for (const auto& entry :
       std::filesystem::directory_iterator(test::source_path("catalog/configs")))
    on_disk.push_back(entry.path().filename().string());
  std::vector<std::string> names = scanner_config_names();
  std::sort(on_disk.begin(), on_disk.end());
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, on_disk);
}

TEST(ScannerConfigs, WritesEachFileReadOnlyWithItsFolderFilledInAndRemovesTheFolder) {
  test::TempDir temp;
  std::string folder;
  {
    ScannerConfigFolder configs(temp.path());
    folder = configs.path();
    struct stat st {};
    ASSERT_EQ(::stat(folder.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0700u);
    for (const std::string& name : scanner_config_names()) {
      std::string path = folder + "/" + name;
      ASSERT_EQ(::stat(path.c_str(), &st), 0) << name;
      EXPECT_EQ(st.st_mode & 0777, 0400u) << name;
      std::string source = read_file(test::source_path("catalog/configs/" + name)).value();
      for (size_t at = source.find("{configs}"); at != std::string::npos;
           at = source.find("{configs}", at + folder.size())) {
        source.replace(at, 9, folder);
      }
      EXPECT_EQ(read_file(path).value(), source) << name;
    }
  }
  EXPECT_FALSE(std::filesystem::exists(folder));
}

TEST(ScannerConfigs, EveryFileTheBuiltInCatalogNamesExists) {
  std::vector<std::string> names = scanner_config_names();
  size_t named = 0;
  for (const ScannerSpec& spec : builtin_catalog().scanners) {
    for (const std::string& arg : spec.command) {
      size_t at = arg.find("{configs}/");
      if (at == std::string::npos) continue;
      ++named;
      std::string name = arg.substr(at + 10);
      EXPECT_NE(std::find(names.begin(), names.end(), name), names.end())
          << spec.id << " names {configs}/" << name;
    }
  }
  EXPECT_GE(named, 8u);
}

}  // namespace
}  // namespace lamina
