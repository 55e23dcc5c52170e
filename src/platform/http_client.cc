#include "platform/http_client.h"

#define CPPHTTPLIB_OPENSSL_SUPPORT
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <ctime>
#include <thread>

#include "util/error.h"
#include "util/text.h"

namespace lamina {
namespace {

struct Url {
  std::string scheme, host, path;
  int port = 0;
};

// scheme://[user:pass@]host[:port][/path]; nullopt when it is not one.
std::optional<Url> parse_url(const std::string& text) {
  Url url;
  size_t sep = text.find("://");
  if (sep == std::string::npos) return std::nullopt;
  url.scheme = text.substr(0, sep);
  if (url.scheme != "http" && url.scheme != "https") return std::nullopt;
  std::string rest = text.substr(sep + 3);
  size_t slash = rest.find('/');
  std::string authority = rest.substr(0, slash);
  url.path = slash == std::string::npos ? "" : rest.substr(slash);
  while (!url.path.empty() && url.path.back() == '/') url.path.pop_back();
  if (size_t at = authority.rfind('@'); at != std::string::npos)
    authority = authority.substr(at + 1);
  size_t colon = authority.rfind(':');
  url.port = url.scheme == "https" ? 443 : 80;
  if (colon != std::string::npos && authority.find(']') == std::string::npos) {
    std::string port = authority.substr(colon + 1);
    if (port.empty() || port.size() > 5 ||
        !std::all_of(port.begin(), port.end(), [](unsigned char c) { return std::isdigit(c); })) {
      return std::nullopt;
    }
    url.port = std::stoi(port);
    authority = authority.substr(0, colon);
  }
  url.host = authority;
  if (url.host.empty() || url.port <= 0 || url.port > 65535) return std::nullopt;
  for (unsigned char c : url.host) {
    if (!(std::isalnum(c) || c == '.' || c == '-' || c == '_' || c == '[' || c == ']' || c == ':'))
      return std::nullopt;
  }
  return url;
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string env_first(const EnvMap& env, std::initializer_list<const char*> names) {
  for (const char* name : names) {
    std::string value = env_or_empty(env, name);
    if (!value.empty()) return value;
  }
  return "";
}

// user:password of a proxy URL, percent-decoded; "" when none.
std::pair<std::string, std::string> proxy_credentials(const std::string& url) {
  size_t sep = url.find("://");
  std::string rest = sep == std::string::npos ? url : url.substr(sep + 3);
  rest = rest.substr(0, rest.find('/'));
  size_t at = rest.rfind('@');
  if (at == std::string::npos) return {};
  std::string userinfo = rest.substr(0, at);
  size_t colon = userinfo.find(':');
  auto decode = [](const std::string& s) { return httplib::decode_uri_component(s); };
  if (colon == std::string::npos) return {decode(userinfo), ""};
  return {decode(userinfo.substr(0, colon)), decode(userinfo.substr(colon + 1))};
}

bool retryable_status(int status) {
  return status == 500 || status == 502 || status == 503 || status == 504;
}

// How long the server asks to wait before the next attempt: Retry-After (seconds), else
// x-ratelimit-reset (epoch seconds) when x-ratelimit-remaining is 0; nullopt when neither.
std::optional<std::chrono::seconds> asked_wait(const HttpResponse& r) {
  auto header = [&](const char* name) -> std::string {
    auto it = r.headers.find(name);
    return it == r.headers.end() ? "" : it->second;
  };
  std::string retry_after = header("retry-after");
  if (!retry_after.empty() && std::all_of(retry_after.begin(), retry_after.end(),
                                          [](unsigned char c) { return std::isdigit(c); })) {
    return std::chrono::seconds(std::stol(retry_after.substr(0, 9)));
  }
  std::string reset = header("x-ratelimit-reset");
  if (header("x-ratelimit-remaining") == "0" && !reset.empty() &&
      std::all_of(reset.begin(), reset.end(), [](unsigned char c) { return std::isdigit(c); })) {
    long long at = std::stoll(reset.substr(0, 15));
    long long now = static_cast<long long>(std::time(nullptr));
    return std::chrono::seconds(std::max(1LL, at - now));
  }
  return std::nullopt;
}

bool rate_limited(const HttpResponse& r) {
  if (r.status == 429) return true;
  if (r.status != 403) return false;
  auto remaining = r.headers.find("x-ratelimit-remaining");
  return r.headers.count("retry-after") > 0 ||
         (remaining != r.headers.end() && remaining->second == "0");
}

}  // namespace

struct HttpClient::Impl {
  Url url;
  std::unique_ptr<httplib::Client> client;
};

HttpClient::HttpClient(HttpClientOptions options, const EnvMap& env)
    : options_(std::move(options)), impl_(std::make_unique<Impl>()) {
  std::optional<Url> url = parse_url(options_.base_url);
  if (!url) {
    throw Error("API base URL " + in_quotes(options_.base_url) +
                ": expected http(s)://host[:port][/path] (check GITHUB_API_URL or CI_API_V4_URL)");
  }
  while (!options_.base_url.empty() && options_.base_url.back() == '/')
    options_.base_url.pop_back();
  impl_->url = *url;
  impl_->client = std::make_unique<httplib::Client>(url->scheme + "://" + url->host + ":" +
                                                    std::to_string(url->port));
  httplib::Client& c = *impl_->client;
  c.set_connection_timeout(options_.timeout);
  c.set_read_timeout(options_.timeout);
  c.set_write_timeout(options_.timeout);
  c.set_follow_location(false);  // a redirect must not carry the token elsewhere
  c.set_keep_alive(true);
  if (!options_.sleep) {
    options_.sleep = [](std::chrono::milliseconds ms) { std::this_thread::sleep_for(ms); };
  }
  std::string proxy = url->scheme == "https" ? env_first(env, {"HTTPS_PROXY", "https_proxy"})
                                             : env_first(env, {"HTTP_PROXY", "http_proxy"});
  std::string no_proxy = env_first(env, {"NO_PROXY", "no_proxy"});
  if (!proxy.empty() && !no_proxy_matches(no_proxy, url->host, url->port)) {
    std::string with_scheme = proxy.find("://") == std::string::npos ? "http://" + proxy : proxy;
    std::optional<Url> p = parse_url(with_scheme);
    if (!p) throw Error("HTTPS_PROXY " + in_quotes(proxy) + ": expected http://host:port");
    c.set_proxy(p->host, p->port);
    auto [user, password] = proxy_credentials(with_scheme);
    if (!user.empty()) c.set_proxy_basic_auth(user, password);
  }
}

HttpClient::~HttpClient() = default;

std::string HttpClient::redact(std::string text) const {
  std::string token = options_.auth_value.substr(options_.auth_value.rfind(' ') + 1);
  if (token.size() < 4) return text;
  for (const std::string& secret :
       {token, httplib::detail::base64_encode("x-access-token:" + token)}) {
    for (size_t at = text.find(secret); at != std::string::npos; at = text.find(secret, at + 3)) {
      text.replace(at, secret.size(), "***");
    }
  }
  return text;
}

HttpResponse HttpClient::send(const HttpRequest& request) {
  httplib::Headers headers;
  for (const auto& [name, value] : options_.headers) headers.emplace(name, value);
  if (!options_.auth_header.empty()) headers.emplace(options_.auth_header, options_.auth_value);
  std::string path = impl_->url.path + request.path;
  HttpResponse response;
  for (int attempt = 1;; ++attempt) {
    ++requests_sent_;
    httplib::Client& c = *impl_->client;
    const char* type = "application/json";
    httplib::Result result = request.method == "GET"    ? c.Get(path, headers)
                             : request.method == "POST" ? c.Post(path, headers, request.body, type)
                             : request.method == "PATCH"
                                 ? c.Patch(path, headers, request.body, type)
                             : request.method == "PUT"    ? c.Put(path, headers, request.body, type)
                             : request.method == "DELETE" ? c.Delete(path, headers)
                                                          : httplib::Result();
    response = HttpResponse();
    response.attempts = attempt;
    if (result) {
      response.status = result->status;
      response.body = std::move(result->body);
      for (const auto& [name, value] : result->headers) response.headers[lower(name)] = value;
    } else {
      response.error = httplib::to_string(result.error());
    }
    if (attempt >= options_.max_attempts) return response;
    std::chrono::milliseconds wait;
    if (rate_limited(response)) {
      std::chrono::seconds asked = asked_wait(response).value_or(std::chrono::seconds(60));
      if (asked > options_.max_wait) return response;  // an hour's reset: do not hang the job
      wait = asked;
    } else if (!response.error.empty() || retryable_status(response.status)) {
      wait = std::chrono::milliseconds(1000) * (1 << (attempt - 1));
      if (std::optional<std::chrono::seconds> asked = asked_wait(response)) {
        wait = std::max<std::chrono::milliseconds>(wait, *asked);
      }
      wait = std::min<std::chrono::milliseconds>(wait, options_.max_wait);
    } else {
      return response;
    }
    options_.sleep(wait);
  }
}

std::vector<HttpResponse> HttpClient::get_pages(const std::string& path, int max_pages) {
  std::vector<HttpResponse> pages;
  std::string next = path;
  while (!next.empty() && static_cast<int>(pages.size()) < max_pages) {
    pages.push_back(send({"GET", next, ""}));
    const HttpResponse& page = pages.back();
    if (page.status != 200) break;
    auto link = page.headers.find("link");
    std::string url = link == page.headers.end() ? "" : next_link(link->second);
    // Only links under the base URL are followed: the token never goes to another host.
    next = url.rfind(options_.base_url + "/", 0) == 0 ? url.substr(options_.base_url.size()) : "";
  }
  return pages;
}

std::string describe_failure(const HttpClient& client, const HttpRequest& request,
                             const HttpResponse& response) {
  std::string what = request.method + " " + request.path.substr(0, request.path.find('?'));
  if (response.status == 0) {
    return client.redact(what + ": no response from " + client.base_url() + " (" + response.error +
                         ")");
  }
  std::string said;
  nlohmann::json body = nlohmann::json::parse(response.body, nullptr, false);
  if (body.is_object()) {
    if (body.contains("message") && body["message"].is_string()) said = body["message"];
    if (body.contains("errors")) said += (said.empty() ? "" : ": ") + body["errors"].dump();
  }
  if (said.empty()) said = response.body.substr(0, 200);
  std::string text = "HTTP " + std::to_string(response.status) + " from " + what;
  if (!said.empty()) text += ": " + one_line(said, 400);
  if (response.attempts > 1) text += " (after " + std::to_string(response.attempts) + " attempts)";
  return client.redact(text);
}

std::vector<nlohmann::json> get_json_list(HttpClient& client, const std::string& path,
                                          std::string* error) {
  std::vector<nlohmann::json> items;
  constexpr int kMaxPages = 100;  // 10,000 items at 100 a page
  std::vector<HttpResponse> pages = client.get_pages(path, kMaxPages + 1);
  if (pages.size() > static_cast<size_t>(kMaxPages)) {
    // A partial list would make lamina post what exists already: refuse instead.
    *error = "GET " + path + ": more than " + std::to_string(kMaxPages) + " pages";
    return items;
  }
  for (const HttpResponse& page : pages) {
    if (page.status != 200) {
      *error = describe_failure(client, {"GET", path, ""}, page);
      return items;
    }
    nlohmann::json body = nlohmann::json::parse(page.body, nullptr, false);
    if (!body.is_array()) {
      *error = "GET " + path + ": the answer is not a JSON array";
      return items;
    }
    for (nlohmann::json& item : body) items.push_back(std::move(item));
  }
  return items;
}

bool no_proxy_matches(const std::string& no_proxy, const std::string& host, int port) {
  std::string h = lower(host);
  size_t start = 0;
  while (start <= no_proxy.size()) {
    size_t end = no_proxy.find(',', start);
    if (end == std::string::npos) end = no_proxy.size();
    std::string entry = lower(no_proxy.substr(start, end - start));
    start = end + 1;
    entry.erase(0, entry.find_first_not_of(" \t"));
    entry.erase(entry.find_last_not_of(" \t") + 1);
    if (entry.empty()) continue;
    if (entry == "*") return true;
    if (size_t colon = entry.rfind(':');
        colon != std::string::npos && entry.find(']') == std::string::npos) {
      if (entry.substr(colon + 1) != std::to_string(port)) continue;
      entry = entry.substr(0, colon);
    }
    if (entry.front() == '.') entry.erase(0, 1);
    if (h == entry) return true;
    if (h.size() > entry.size() && h.compare(h.size() - entry.size(), entry.size(), entry) == 0 &&
        h[h.size() - entry.size() - 1] == '.') {
      return true;
    }
  }
  return false;
}

std::string next_link(const std::string& link_header) {
  size_t start = 0;
  while (start < link_header.size()) {
    size_t open = link_header.find('<', start);
    if (open == std::string::npos) return "";
    size_t close = link_header.find('>', open);
    if (close == std::string::npos) return "";
    size_t end = link_header.find(",", close);
    std::string params = link_header.substr(
        close + 1, end == std::string::npos ? std::string::npos : end - close - 1);
    if (params.find("rel=\"next\"") != std::string::npos ||
        params.find("rel=next") != std::string::npos) {
      return link_header.substr(open + 1, close - open - 1);
    }
    if (end == std::string::npos) return "";
    start = end + 1;
  }
  return "";
}

}  // namespace lamina
