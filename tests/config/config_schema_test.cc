// docs/configuration.md's examples against schemas/lamina-config.schema.json (with the real ajv
// validator where installed) and against lamina's own loader, so the docs, the schema and the
// code cannot drift apart.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <nlohmann/json.hpp>

#include "catalog/output_formats.h"
#include "config/load_settings.h"
#include "test_support.h"
#include "util/embedded.h"
#include "util/error.h"
#include "util/file_io.h"
#include "util/spawn.h"

namespace lamina {
namespace {

// The ```yaml blocks of the configuration guide.
std::vector<std::string> doc_examples() {
  std::string text = read_file(test::source_path("docs/configuration.md")).value_or("");
  std::vector<std::string> blocks;
  size_t pos = 0;
  while ((pos = text.find("```yaml\n", pos)) != std::string::npos) {
    pos += 8;
    size_t end = text.find("```\n", pos);
    blocks.push_back(text.substr(pos, end - pos));
    pos = end;
  }
  return blocks;
}

// YAML to JSON with YAML 1.2 core types: plain true/false, integers and null keep their type.
nlohmann::json to_json(const YAML::Node& node) {
  if (node.IsMap()) {
    nlohmann::json object = nlohmann::json::object();
    for (const auto& entry : node) object[entry.first.Scalar()] = to_json(entry.second);
    return object;
  }
  if (node.IsSequence()) {
    nlohmann::json list = nlohmann::json::array();
    for (const YAML::Node& item : node) list.push_back(to_json(item));
    return list;
  }
  if (!node.IsScalar()) return nullptr;
  const std::string& text = node.Scalar();
  if (node.Tag() == "!") return text;  // quoted
  if (text == "true" || text == "false") return text == "true";
  if (!text.empty() && text.find_first_not_of("0123456789") == std::string::npos)
    return std::stoll(text);
  return text;
}

std::string ajv_program() {
  std::string path = std::string(std::getenv("PATH") ? std::getenv("PATH") : "") + ":" +
                     test::source_path("node_modules/.bin");
  return find_executable("ajv", path);
}

// ajv's verdict on `yaml`: exit code 0 valid, 1 invalid, with its explanation.
test::ProcessOutput ajv_validate(const std::string& ajv, const std::string& yaml,
                                 const test::TempDir& dir) {
  static int count = 0;
  std::string data = dir.file("example" + std::to_string(count++) + ".json");
  test::write_file(data, to_json(YAML::Load(yaml)).dump(2));
  test::ProcessOutput out = test::run(
      {ajv, "validate", "--strict=false", "-s",
       test::source_path("schemas/lamina-config.schema.json"), "-d", data},
      "", {"PATH=" + std::string(std::getenv("PATH") ? std::getenv("PATH") : "/usr/bin:/bin")});
  return out;
}

TEST(ConfigSchemaTest, DocsHaveExamples) {
  EXPECT_GE(doc_examples().size(), 4u);
}

TEST(ConfigSchemaTest, EveryDocExampleLoadsWithLamina) {
  for (const std::string& example : doc_examples()) {
    EXPECT_NO_THROW({
      Settings settings = load_settings(ConfigSource{"example", example}, SettingFlags{}, EnvMap{});
      effective_catalog(builtin_catalog(), settings);
    }) << example;
  }
}

TEST(ConfigSchemaTest, EveryDocExampleValidatesAgainstTheSchemaWithAjv) {
  std::string ajv = ajv_program();
  if (ajv.empty()) GTEST_SKIP() << "ajv (npm ajv-cli) is not on PATH or in node_modules/.bin";
  test::TempDir dir;
  for (const std::string& example : doc_examples()) {
    test::ProcessOutput out = ajv_validate(ajv, example, dir);
    EXPECT_EQ(out.exit_code, 0) << example << out.out << out.err;
  }
}

TEST(ConfigSchemaTest, SchemaRejectsWhatTheLoaderRejects) {
  std::string ajv = ajv_program();
  if (ajv.empty()) GTEST_SKIP() << "ajv (npm ajv-cli) is not on PATH or in node_modules/.bin";
  test::TempDir dir;
  for (const char* bad : {"timout: 5m\n", "jobs: many\n", "timeout: 5x\n",
                          "scanners:\n  x:\n    command: \"x {files}\"\n",
                          "scanners:\n  x:\n    output: {format: junit}\n",
                          "scanners:\n  bandit:\n    enabeld: false\n"}) {
    test::ProcessOutput out = ajv_validate(ajv, bad, dir);
    EXPECT_EQ(out.exit_code, 1) << bad << out.out << out.err;
    EXPECT_THROW(
        {
          Settings s = load_settings(ConfigSource{"bad", bad}, SettingFlags{}, EnvMap{});
          effective_catalog(builtin_catalog(), s);
        },
        Error)
        << bad;
  }
}

TEST(ConfigSchemaTest, SchemaListsExactlyTheKnownOutputFormats) {
  auto text = embedded_file("lamina-config.schema.json");
  ASSERT_TRUE(text);
  nlohmann::json schema = nlohmann::json::parse(*text);
  std::vector<std::string> in_schema =
      schema["definitions"]["scanner"]["properties"]["output"]["properties"]["format"]["enum"];
  std::vector<std::string> known(known_output_formats().begin(), known_output_formats().end());
  EXPECT_EQ(in_schema, known);
}

}  // namespace
}  // namespace lamina
