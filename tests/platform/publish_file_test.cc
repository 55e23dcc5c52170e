#include "platform/publish_file.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>

#include <nlohmann/json.hpp>

#include "util/error.h"

namespace lamina {
namespace {

using nlohmann::json;

ScanResult two_findings() {
  ScanResult scan;
  scan.filter = FilterMode::added;
  scan.fail_on = *parse_fail_on("sev2");
  for (int i = 1; i <= 2; ++i) {
    Finding f;
    f.tool = "bad-words";
    f.rule_id = "bad-word";
    f.message = "BAD \x1b[31m<b>" + std::to_string(i);
    f.severity = i == 1 ? Severity::sev1 : Severity::sev3;
    f.location.path = "dir/a b.txt";
    f.location.region.start_line = static_cast<uint32_t>(i * 2);
    f.diff_position = i == 1 ? DiffPosition::added_lines : DiffPosition::in_hunk_context;
    f.fingerprints["lamina/v1"] = "00ff00ff00ff00ff:" + std::to_string(i);
    scan.findings.push_back(f);
  }
  scan.filter = FilterMode::context;
  scan.gate = decide_gate(scan.findings, scan.filter, scan.fail_on, 0);
  ScannerOutcome s;
  s.scanner_id = "bad-words";
  s.state = ScannerState::findings;
  s.finding_count = 2;
  scan.scanners.push_back(s);
  return scan;
}

PublishContext context() {
  PublishContext c;
  c.pr_number = 7;
  c.head_sha = std::string(40, 'b');
  c.commit_sha = std::string(40, 'a');
  c.ref = "refs/pull/7/merge";
  return c;
}

TEST(PublishFile, WhatScanWritesPublishReadsBack) {
  ScanResult scan = two_findings();
  std::string text = publish_file_json(
      scan, {PublishTarget::annotations, PublishTarget::check, PublishTarget::review}, context());
  PublishFile file = read_publish_file(text, "publish.json");
  EXPECT_EQ(file.pr_number, 7);
  EXPECT_EQ(file.head_sha, std::string(40, 'b'));
  EXPECT_EQ(file.targets, (std::set<PublishTarget>{PublishTarget::check, PublishTarget::review}));
  ASSERT_EQ(file.scan.findings.size(), 2u);
  EXPECT_EQ(file.scan.gate.gating, scan.gate.gating);
  EXPECT_EQ(file.scan.gate.exit_code, 1);
  // The gate's standing of each finding is the same after the round trip.
  for (size_t i = 0; i < 2; ++i) {
    const Finding& a =
        *std::find_if(scan.findings.begin(), scan.findings.end(), [&](const Finding& f) {
          return f.fingerprints.at("lamina/v1") ==
                 file.scan.findings[i].fingerprints.at("lamina/v1");
        });
    EXPECT_EQ(gate_standing(a, scan.filter, scan.fail_on),
              gate_standing(file.scan.findings[i], file.scan.filter, file.scan.fail_on));
    EXPECT_EQ(a.diff_position == DiffPosition::added_lines,
              file.scan.findings[i].diff_position == DiffPosition::added_lines);
    EXPECT_EQ(a.message, file.scan.findings[i].message);
  }
}

// Each corruption of a valid file is refused, naming the field.
TEST(PublishFile, RefusesEveryFieldThatIsNotWhatScanWrites) {
  json valid = json::parse(publish_file_json(two_findings(), {PublishTarget::check}, context()));
  struct Case {
    const char* field;
    std::function<void(json&)> corrupt;
  };
  std::vector<Case> cases = {
      {"version", [](json& d) { d["version"] = 2; }},
      {"layer", [](json& d) { d["layer"] = "everything"; }},
      {"pr_number", [](json& d) { d["pr_number"] = 0; }},
      {"pr_number", [](json& d) { d["pr_number"] = -7; }},
      {"pr_number", [](json& d) { d["pr_number"] = "7"; }},
      {"head_sha", [](json& d) { d["head_sha"] = "HEAD"; }},
      {"head_sha", [](json& d) { d["head_sha"] = std::string(40, 'G'); }},
      {"commit_sha", [](json& d) { d.erase("commit_sha"); }},
      {"ref", [](json& d) { d["ref"] = "main"; }},
      {"targets", [](json& d) { d["targets"] = "check"; }},
      {"fail_on", [](json& d) { d["fail_on"] = "sev9"; }},
      {"gate.exit_code", [](json& d) { d["gate"]["exit_code"] = 7; }},
      {"gate.counted",
       [](json& d) {
         d["gate"]["counted"] = json::array({1, 2});
       }},
      {"scanners[].state", [](json& d) { d["scanners"][0]["state"] = "green"; }},
      {"findings[].path", [](json& d) { d["findings"][0]["path"] = "../outside"; }},
      {"findings[].path", [](json& d) { d["findings"][0]["path"] = "/etc/passwd"; }},
      {"findings[].path", [](json& d) { d["findings"][0]["path"] = "a/./b"; }},
      {"findings[].line", [](json& d) { d["findings"][0]["line"] = 0; }},
      {"findings[].line", [](json& d) { d["findings"][0]["line"] = 1e12; }},
      {"findings[].severity", [](json& d) { d["findings"][0]["severity"] = "critical"; }},
      {"findings[].message", [](json& d) { d["findings"][0]["message"] = std::string(5000, 'x'); }},
      {"findings[].fingerprint", [](json& d) { d["findings"][0]["fingerprint"] = "x --> <b>"; }},
      {"findings[].diff", [](json& d) { d["findings"][0]["diff"] = "removed"; }},
      {"findings",
       [](json& d) {
         d["findings"] = json::array();
         for (int i = 0; i < 5001; ++i) d["findings"].push_back(json::object());
       }},
  };
  for (const Case& c : cases) {
    json doc = valid;
    c.corrupt(doc);
    try {
      read_publish_file(doc.dump(), "lamina-out/publish.json");
      ADD_FAILURE() << "accepted a corrupt " << c.field;
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find(std::string("\"") + c.field + "\""), std::string::npos)
          << c.field << ": " << e.what();
      EXPECT_EQ(std::string(e.what()).rfind("lamina-out/publish.json: ", 0), 0u) << e.what();
    }
  }
  EXPECT_THROW(read_publish_file("[1,2]", "p"), Error);
  EXPECT_THROW(read_publish_file("{not json", "p"), Error);
}

}  // namespace
}  // namespace lamina
