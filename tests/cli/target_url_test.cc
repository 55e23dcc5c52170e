// --target-url: only http(s) URLs with a host reach a DAST scanner's argv.
#include "cli/target_url.h"

#include <gtest/gtest.h>

namespace lamina {
namespace {

TEST(TargetUrl, HttpAndHttpsWithHostAreAccepted) {
  EXPECT_EQ(target_url_problem("http://127.0.0.1:8080/"), std::nullopt);
  EXPECT_EQ(target_url_problem("https://staging.example.com"), std::nullopt);
  EXPECT_EQ(target_url_problem("HTTPS://staging.example.com/app?x=1#top"), std::nullopt);
  EXPECT_EQ(target_url_problem("http://[::1]:8080/"), std::nullopt);
  EXPECT_EQ(target_url_problem("http://user@host/"), std::nullopt);
}

TEST(TargetUrl, OtherSchemesAreRefused) {
  for (const char* url : {"file:///etc/passwd", "ftp://host/", "javascript:alert(1)", "host:80", "",
                          "-u", "gopher://host/"}) {
    EXPECT_EQ(target_url_problem(url), "the scheme must be http:// or https://") << url;
  }
}

TEST(TargetUrl, EmptyHostIsRefused) {
  EXPECT_EQ(target_url_problem("http://"), "no host");
  EXPECT_EQ(target_url_problem("http:///etc/passwd"), "no host");
  EXPECT_EQ(target_url_problem("https://:8080/"), "no host");
  EXPECT_EQ(target_url_problem("http://user@/"), "no host");
}

TEST(TargetUrl, BadPortIsRefused) {
  EXPECT_EQ(target_url_problem("http://host:/"), "empty port after \":\"");
  EXPECT_EQ(target_url_problem("http://host:0/"), "the port must be a number from 1 to 65535");
  EXPECT_EQ(target_url_problem("http://host:65536/"), "the port must be a number from 1 to 65535");
  EXPECT_EQ(target_url_problem("http://host:8o/"), "the port must be a number from 1 to 65535");
  EXPECT_EQ(target_url_problem("http://[::1/"), "unclosed \"[\" in the host");
}

TEST(TargetUrl, SpacesAndControlCharactersAreRefused) {
  EXPECT_EQ(target_url_problem("http://host/a b"), "spaces and control characters are not allowed");
  EXPECT_EQ(target_url_problem("http://host/\n"), "spaces and control characters are not allowed");
}

TEST(TargetUrl, EndpointIsTheHostAndTheGivenOrDefaultPort) {
  auto at = [](const char* url) {
    std::optional<TargetEndpoint> e = target_endpoint(url);
    return e ? e->host + " " + std::to_string(e->port) : std::string("none");
  };
  EXPECT_EQ(at("http://staging.example.com/app"), "staging.example.com 80");
  EXPECT_EQ(at("HTTPS://staging.example.com"), "staging.example.com 443");
  EXPECT_EQ(at("https://user:pw@staging.example.com:8443/x?y#z"), "staging.example.com 8443");
  EXPECT_EQ(at("http://[::1]:8080/"), "::1 8080");
  EXPECT_EQ(at("https://[2001:db8::1]/"), "2001:db8::1 443");
  EXPECT_EQ(at("http://127.0.0.1:65535"), "127.0.0.1 65535");
  EXPECT_EQ(at("ftp://host/"), "none");
  EXPECT_EQ(at("http://host:0/"), "none");
}

}  // namespace
}  // namespace lamina
