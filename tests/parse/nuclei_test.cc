// nuclei -jsonl (not installable here): a real scan of DVWA from DefectDojo's parser fixtures.
#include <gtest/gtest.h>

#include "parse/parse.h"
#include "parse_testing.h"

namespace lamina {
namespace {

using test::checked_in_output;
using test::repo_context;

ParseOutcome dvwa() {
  return parse_output("nuclei-jsonl", checked_in_output("nuclei/nuclei-v3-dvwa.jsonl"),
                      repo_context());
}

TEST(ParseNuclei, OneFindingPerLine) {
  ParseOutcome out = dvwa();
  ASSERT_FALSE(out.error) << *out.error;
  ASSERT_EQ(out.findings.size(), 27u);
  const Finding& login = out.findings[0];
  EXPECT_EQ(login.rule_id, "dvwa-default-login");
  EXPECT_EQ(login.rule_name, "DVWA Default Login");
  EXPECT_EQ(login.message, "DVWA Default Login");
  EXPECT_EQ(login.tool_level, "critical");
  EXPECT_EQ(login.url, "http://dvwa_dvwa_1/index.php");
  EXPECT_EQ(login.help_uri, "https://cloud.projectdiscovery.io/public/dvwa-default-login");
  EXPECT_EQ(login.location.path, "");
}

TEST(ParseNuclei, MatcherNameTellsTheHeadersApart) {
  ParseOutcome out = dvwa();
  ASSERT_GE(out.findings.size(), 8u);
  EXPECT_EQ(out.findings[6].rule_id, "http-missing-security-headers");
  EXPECT_EQ(out.findings[6].message, "HTTP Missing Security Headers (strict-transport-security)");
  EXPECT_EQ(out.findings[7].message, "HTTP Missing Security Headers (x-frame-options)");
  EXPECT_EQ(out.findings[6].tool_level, "info");
}

TEST(ParseNuclei, NonHttpTemplatesKeepWhatUrlTheyHave) {
  ParseOutcome out = dvwa();
  ASSERT_EQ(out.findings.size(), 27u);
  EXPECT_EQ(out.findings[2].rule_id, "cookies-without-httponly");
  EXPECT_EQ(out.findings[2].url, "http://dvwa_dvwa_1/");  // written "/http://dvwa_dvwa_1/"
  EXPECT_EQ(out.findings[26].rule_id, "nameserver-fingerprint");
  EXPECT_EQ(out.findings[26].url, "");  // a dns template: no URL
}

TEST(ParseNuclei, CvssScoreIsTheSecuritySeverity) {
  ParseOutcome out = dvwa();
  for (const Finding& f : out.findings) {
    if (f.rule_id == "git-config") {
      ASSERT_TRUE(f.security_severity);
      EXPECT_DOUBLE_EQ(*f.security_severity, 5.3);
    }
    if (f.rule_id == "dvwa-default-login") {
      EXPECT_FALSE(f.security_severity);
    }
  }
}

TEST(ParseNuclei, RawRequestAndResponseAreNotKept) {
  ParseOutcome out = dvwa();
  ASSERT_FALSE(out.findings.empty());
  for (const Finding& f : out.findings) {
    EXPECT_EQ(f.original.find("\"request\""), std::string::npos) << f.rule_id;
    EXPECT_EQ(f.original.find("\"response\""), std::string::npos) << f.rule_id;
  }
}

TEST(ParseNuclei, NoMatchIsAnEmptyOutput) {
  ParseOutcome out = parse_output("nuclei-jsonl", "", repo_context());
  EXPECT_FALSE(out.error);
  EXPECT_TRUE(out.findings.empty());
}

TEST(ParseNuclei, ALineThatIsNotAMatchIsAnError) {
  ParseOutcome out =
      parse_output("nuclei-jsonl", "{\"template-id\":\"a\",\"info\":{}}\n[INF] Templates loaded\n",
                   repo_context());
  EXPECT_EQ(out.findings.size(), 1u);
  ASSERT_TRUE(out.error);
  EXPECT_EQ(out.error->rfind("nuclei-jsonl: line 2: ", 0), 0u) << *out.error;
  EXPECT_EQ(parse_output("nuclei-jsonl", "{\"info\":{}}\n", repo_context()).error,
            "nuclei-jsonl: line 1: no \"template-id\" (was nuclei run with -jsonl?)");
}

}  // namespace
}  // namespace lamina
