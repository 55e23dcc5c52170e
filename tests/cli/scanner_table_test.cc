// `lamina scanners` as aligned text and as README's Markdown table.
#include "cli/scanner_table.h"

#include <gtest/gtest.h>

namespace lamina {
namespace {

const ScannerSpec& spec(const Catalog& catalog, const std::string& id) {
  const ScannerSpec* s = catalog.find(id);
  EXPECT_NE(s, nullptr) << id;
  static const ScannerSpec none;
  return s ? *s : none;
}

TEST(ScannerTable, FilesTextNamesGlobsAndShebangsAndCountsTheRest) {
  Catalog catalog = builtin_catalog();
  EXPECT_EQ(files_text(spec(catalog, "shellcheck"), 8),
            "*.sh *.bash *.ksh *.bats #!sh #!bash #!dash #!ksh");
  EXPECT_EQ(files_text(spec(catalog, "shellcheck"), 2), "*.sh *.bash +6 more");
  EXPECT_EQ(files_text(spec(catalog, "clamscan"), 8), "(artifact)");
  EXPECT_EQ(files_text(spec(catalog, "wapiti"), 8), "(target URL)");
}

TEST(ScannerTable, CleanVersionIsTheFirstDottedNumber) {
  EXPECT_EQ(clean_version("version: 0.9.0"), "0.9.0");
  EXPECT_EQ(clean_version("v10.15.0"), "10.15.0");
  EXPECT_EQ(clean_version("Cppcheck 2.10"), "2.10");
  EXPECT_EQ(clean_version("bandit 1.6.2\n  python version = 3.11.2"), "1.6.2");
  EXPECT_EQ(clean_version("Python 3 build 12"), "Python 3 build 12");
}

TEST(ScannerTable, TextColumnsAreAligned) {
  Catalog catalog = builtin_catalog();
  std::string text = scanners_text({&spec(catalog, "shellcheck"), &spec(catalog, "osv-scanner")},
                                   {"0.9.0", "no (install: go install x)"});
  std::string files = "package-lock.json npm-shrinkwrap.json yarn.lock +18 more";
  auto padded = [](std::string cell, size_t width) {
    return cell.append(width - cell.size(), ' ');
  };
  // Each column as wide as its widest cell, two spaces between columns.
  EXPECT_EQ(text, padded("SCANNER", 13) + padded("CHECK", 14) + padded("LAYERS", 19) +
                      padded("FILES", files.size() + 2) + "FULL IMAGE  INSTALLED\n" +
                      padded("shellcheck", 13) + padded("lint", 14) +
                      padded("inline,continuous", 19) +
                      padded("*.sh *.bash *.ksh +5 more", files.size() + 2) +
                      "yes         0.9.0\n" + padded("osv-scanner", 13) +
                      padded("dependencies", 14) + padded("inline,continuous", 19) + files +
                      "  no          no (install: go install x)\n");
}

TEST(ScannerTable, MarkdownRowsComeFromTheCatalog) {
  Catalog catalog = builtin_catalog();
  std::string md = scanners_markdown(catalog);
  EXPECT_TRUE(
      md.starts_with("| scanner | check | layers | reads | in `full` image | install |\n"
                     "|---|---|---|---|---|---|\n"
                     "| [ShellCheck](https://www.shellcheck.net) (`shellcheck`) | lint | "
                     "inline,continuous | `*.sh *.bash *.ksh *.bats #!sh #!bash #!dash "
                     "#!ksh` | yes | `apt-get install shellcheck` |\n"))
      << md;
  EXPECT_NE(md.find("(`secretlint`), required | secrets |"), std::string::npos) << md;
  EXPECT_NE(md.find("(`checkov`) | iac |"), std::string::npos) << md;
  size_t rows = 0;
  for (char c : md) rows += c == '\n';
  EXPECT_EQ(rows, catalog.scanners.size() + 2);
}

}  // namespace
}  // namespace lamina
