#include "platform/http_client.h"

#include <gtest/gtest.h>

#include "util/error.h"

namespace lamina {
namespace {

TEST(NextLink, FindsRelNextAmongOthers) {
  EXPECT_EQ(next_link("<https://api.github.com/r?page=2>; rel=\"next\", "
                      "<https://api.github.com/r?page=5>; rel=\"last\""),
            "https://api.github.com/r?page=2");
  EXPECT_EQ(next_link("<https://x/r?page=1>; rel=\"prev\", <https://x/r?page=3>; rel=\"next\""),
            "https://x/r?page=3");
  EXPECT_EQ(next_link("<https://x/r?page=1>; rel=\"first\""), "");
  EXPECT_EQ(next_link(""), "");
  EXPECT_EQ(next_link("garbage <unterminated"), "");
}

TEST(NoProxy, MatchesAsCurlReadsIt) {
  EXPECT_TRUE(no_proxy_matches("*", "api.github.com", 443));
  EXPECT_TRUE(no_proxy_matches("github.com", "api.github.com", 443));
  EXPECT_TRUE(no_proxy_matches(".github.com", "api.github.com", 443));
  EXPECT_TRUE(no_proxy_matches("localhost, api.github.com", "API.GITHUB.COM", 443));
  EXPECT_TRUE(no_proxy_matches("gitlab.local:8443", "gitlab.local", 8443));
  EXPECT_FALSE(no_proxy_matches("gitlab.local:8443", "gitlab.local", 443));
  EXPECT_FALSE(no_proxy_matches("hub.com", "api.github.com", 443));  // not a label boundary
  EXPECT_FALSE(no_proxy_matches("", "api.github.com", 443));
  EXPECT_FALSE(no_proxy_matches("example.com", "api.github.com", 443));
}

TEST(HttpClient, RefusesABaseUrlThatIsNotHttp) {
  for (const char* url : {"ftp://x", "api.github.com", "https://", "https://host:99999",
                          "https://ho st", "https://host:12ab"}) {
    HttpClientOptions options;
    options.base_url = url;
    EXPECT_THROW(HttpClient(options, EnvMap{}), Error) << url;
  }
  HttpClientOptions ok;
  ok.base_url = "https://ghe.example.com/api/v3/";
  HttpClient client(ok, EnvMap{});
  EXPECT_EQ(client.base_url(), "https://ghe.example.com/api/v3");
}

TEST(HttpClient, RedactsTheTokenAndItsBasicAuthForm) {
  HttpClientOptions options;
  options.base_url = "https://api.github.com";
  options.auth_header = "Authorization";
  options.auth_value = "Bearer ghs_secretToken123";
  HttpClient client(options, EnvMap{});
  EXPECT_EQ(client.redact("x ghs_secretToken123 y ghs_secretToken123"), "x *** y ***");
  // actions/checkout's extraheader form: base64("x-access-token:<token>")
  EXPECT_EQ(client.redact("AUTHORIZATION: basic eC1hY2Nlc3MtdG9rZW46Z2hzX3NlY3JldFRva2VuMTIz"),
            "AUTHORIZATION: basic ***");
}

TEST(HttpClient, AnUnreachableServerIsAFailedResponseRetriedWithoutSleeping) {
  HttpClientOptions options;
  options.base_url = "http://127.0.0.1:1";  // nothing listens on port 1
  options.timeout = std::chrono::seconds(2);
  options.max_attempts = 3;
  std::vector<std::chrono::milliseconds> waits;
  options.sleep = [&](std::chrono::milliseconds ms) { waits.push_back(ms); };
  HttpClient client(options, EnvMap{});
  HttpResponse r = client.send({"GET", "/repos/o/r", ""});
  EXPECT_EQ(r.status, 0);
  EXPECT_FALSE(r.error.empty());
  EXPECT_EQ(r.attempts, 3);
  EXPECT_EQ(client.requests_sent(), 3);
  ASSERT_EQ(waits.size(), 2u);
  EXPECT_LT(waits[0], waits[1]);  // exponential backoff
  std::string said = describe_failure(client, {"GET", "/repos/o/r?page=2", ""}, r);
  EXPECT_NE(said.find("GET /repos/o/r: no response from http://127.0.0.1:1"), std::string::npos)
      << said;
}

TEST(HttpClient, ProxyFromTheEnvironmentUnlessNoProxyCoversTheHost) {
  HttpClientOptions options;
  options.base_url = "https://api.github.com";
  EXPECT_THROW(HttpClient(options, EnvMap{{"HTTPS_PROXY", "http://proxy:notaport"}}), Error);
  // NO_PROXY covers the host: the malformed proxy is never read.
  EXPECT_NO_THROW(HttpClient(
      options, EnvMap{{"HTTPS_PROXY", "http://proxy:notaport"}, {"NO_PROXY", ".github.com"}}));
  EXPECT_NO_THROW(HttpClient(options, EnvMap{{"https_proxy", "http://u:p%40ss@proxy:3128"}}));
}

TEST(DescribeFailure, NamesStatusCallAndWhatTheServerSaid) {
  HttpClientOptions options;
  options.base_url = "https://api.github.com";
  options.auth_value = "Bearer tok_abcdef";
  HttpClient client(options, EnvMap{});
  HttpResponse r;
  r.status = 422;
  r.attempts = 1;
  r.body = R"({"message":"Validation Failed","errors":["annotations: at most 50 tok_abcdef"]})";
  std::string said = describe_failure(client, {"POST", "/repos/o/r/check-runs", "{}"}, r);
  EXPECT_EQ(said,
            "HTTP 422 from POST /repos/o/r/check-runs: Validation Failed: [\"annotations: at most "
            "50 ***\"]");
}

}  // namespace
}  // namespace lamina
