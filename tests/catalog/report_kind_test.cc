// The `report:` key of a catalog entry: which GitLab security report its findings go to.
#include <gtest/gtest.h>

#include "catalog/catalog.h"
#include "util/error.h"

namespace lamina {
namespace {

std::string entry_reporting_to(const std::string& kind) {
  return "scanners:\n"
         "  - id: imagescan\n"
         "    layer: pre-deploy\n"
         "    scope: artifact\n"
         "    command: [imagescan, \"{artifact}\"]\n"
         "    output: {format: trivy-json}\n"
         "    report: " +
         kind + "\n";
}

TEST(CatalogReportKind, ContainerScanningIsAccepted) {
  Catalog catalog = parse_catalog(entry_reporting_to("container_scanning"), "my.yml");
  ASSERT_NE(catalog.find("imagescan"), nullptr);
  EXPECT_EQ(catalog.find("imagescan")->report_kind, "container_scanning");
}

TEST(CatalogReportKind, UnknownKindListsTheFourKinds) {
  try {
    parse_catalog(entry_reporting_to("container"), "my.yml");
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.exit_code(), 2);
    EXPECT_EQ(std::string(e.what()),
              "my.yml:7:13: scanner entry.report: expected sast, secret_detection, "
              "dependency_scanning or container_scanning (the GitLab security report the findings "
              "go to)");
  }
}

}  // namespace
}  // namespace lamina
