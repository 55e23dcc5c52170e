#pragma once
// The one place lamina speaks HTTP(S): GitHub's and GitLab's REST APIs for publishing. A base URL
// (https://api.github.com, $GITHUB_API_URL on GHES, $CI_API_V4_URL on self-managed GitLab), a
// token sent in one header and never in a log, an error or a report, HTTPS_PROXY / NO_PROXY,
// timeouts, retries with backoff on transport errors, 5xx and rate limits (Retry-After,
// x-ratelimit-reset), and Link-header pagination.
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "util/env.h"

namespace lamina {

struct HttpRequest {
  std::string method;  // GET, POST, PATCH, PUT, DELETE
  std::string path;    // from the base URL's path on: "/repos/o/r/check-runs?per_page=100"
  std::string body;    // JSON; "" = none
};

struct HttpResponse {
  int status = 0;                              // 0 = no response (see error)
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  std::string error;  // transport failure ("connection refused", "timed out"); "" otherwise
  int attempts = 0;   // requests made for this one call (retries included)
};

struct HttpClientOptions {
  std::string base_url;     // scheme://host[:port][/path], no trailing slash
  std::string auth_header;  // "Authorization" (GitHub), "PRIVATE-TOKEN" (GitLab)
  std::string auth_value;   // "Bearer <token>" / "<token>"; never printed
  std::vector<std::pair<std::string, std::string>> headers;  // sent with every request
  std::chrono::seconds timeout{30};                          // connect, read and write each
  int max_attempts = 4;
  std::chrono::seconds max_wait{60};  // longest single wait a server may ask for
  // Waits between attempts; tests replace it to run without sleeping.
  std::function<void(std::chrono::milliseconds)> sleep;
};

class HttpClient {
 public:
  // `env` gives HTTPS_PROXY / HTTP_PROXY / NO_PROXY (and lower-case forms). Throws Error for a
  // base URL that is not http(s)://host[:port][/path].
  HttpClient(HttpClientOptions options, const EnvMap& env);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // One request, retried on a transport error, 500/502/503/504, 429, and 403 with a rate-limit
  // sign (Retry-After, or x-ratelimit-remaining: 0), honouring the wait the server names.
  HttpResponse send(const HttpRequest& request);

  // GET `path` and every page its Link header's rel="next" names (a JSON array per page);
  // stops at `max_pages`. Returns the responses; the last is the failing one when one fails.
  std::vector<HttpResponse> get_pages(const std::string& path, int max_pages = 50);

  // Waits as between retries (tests make it instant): for polling.
  void pause(std::chrono::milliseconds wait) { options_.sleep(wait); }

  // Requests sent so far (attempts included), for the figures of a run.
  int requests_sent() const { return requests_sent_; }
  const std::string& base_url() const { return options_.base_url; }

  // `text` with the token (and its Base64 forms) replaced by "***": for any text that could
  // echo a request back (an error body, a proxy's page).
  std::string redact(std::string text) const;

 private:
  struct Impl;
  HttpClientOptions options_;
  std::unique_ptr<Impl> impl_;
  int requests_sent_ = 0;
};

// "HTTP 422 from POST /repos/o/r/check-runs: Validation Failed (annotations: too many)":
// one line naming the call and what the server said (its JSON "message" and "errors" when it
// sent them), redacted, for publish failures.
std::string describe_failure(const HttpClient& client, const HttpRequest& request,
                             const HttpResponse& response);

// Whether `host` is covered by a NO_PROXY list ("*", "example.com", ".example.com", "10.0.0.1",
// "host:port"), as curl reads it.
bool no_proxy_matches(const std::string& no_proxy, const std::string& host, int port);

// Every item of the paginated JSON array at `path` (get_pages(), at most 100 pages); `error` says
// why when a page failed, was not an array, or there were more pages: a partial list is an error.
std::vector<nlohmann::json> get_json_list(HttpClient& client, const std::string& path,
                                          std::string* error);

// The URL of rel="next" in a Link header, or "".
std::string next_link(const std::string& link_header);

}  // namespace lamina
