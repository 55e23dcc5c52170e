// JsonText against nlohmann's dump: the same bytes for the same document, in every style the
// reports use (compact SARIF, `plan --json` indented, and its GitHub-log form). Invalid UTF-8 is
// replaced by to_valid_utf8 (a U+FFFD per invalid byte; nlohmann's own replacement may join a
// truncated sequence into one), so the DOM is given the replaced strings.
#include "util/json_text.h"

#include <gtest/gtest.h>
#include "util/text.h"

#include <algorithm>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <random>
#include <vector>

namespace lamina {
namespace {

// Hostile pieces of strings: quotes, controls, DEL, multi-byte UTF-8 (2, 3, 4 bytes), invalid
// bytes (lone continuation, overlong, surrogate, truncated, above U+10FFFF) and "##[".
const std::vector<std::string> kPieces = {"a",
                                          "path/x.py",
                                          " ",
                                          "\"",
                                          "\\",
                                          "\n",
                                          "\t",
                                          "\r",
                                          "\b",
                                          "\f",
                                          "\x01",
                                          "\x1f",
                                          "\x7f",
                                          "#",
                                          "##[",
                                          "[",
                                          "##",
                                          "::",
                                          "\xC3\xBC",
                                          "\xE2\x82\xAC",
                                          "\xF0\x9F\x98\x80",
                                          "\xEF\xBF\xBD",
                                          "\x80",
                                          "\xFF",
                                          "\xC0\xAF",
                                          "\xED\xA0\x80",
                                          "\xE2\x82",
                                          "\xF4\x90\x80\x80",
                                          "\xC3",
                                          "{x}"};

std::string random_string(std::mt19937& rng) {
  std::string s;
  int pieces = std::uniform_int_distribution<int>(0, 6)(rng);
  for (int i = 0; i < pieces; ++i)
    s += kPieces[std::uniform_int_distribution<size_t>(0, kPieces.size() - 1)(rng)];
  return s;
}

// Writes one random value to `json` and returns the same value as a DOM.
nlohmann::json random_value(std::mt19937& rng, JsonText& json, int depth) {
  int kind = std::uniform_int_distribution<int>(0, depth > 3 ? 3 : 5)(rng);
  switch (kind) {
    case 0: {
      std::string s = random_string(rng);
      json.value(s);
      return to_valid_utf8(s);
    }
    case 1: {
      long long n = rng() % 2 ? std::uniform_int_distribution<long long>(-5, 5)(rng)
                              : std::uniform_int_distribution<long long>(INT64_MIN, INT64_MAX)(rng);
      json.value(n);
      return n;
    }
    case 2: {
      bool b = rng() % 2;
      json.value(b);
      return b;
    }
    case 3:
      json.null();
      return nullptr;
    case 4: {
      nlohmann::json array = nlohmann::json::array();
      json.begin_array();
      int n = std::uniform_int_distribution<int>(0, 4)(rng);
      for (int i = 0; i < n; ++i) array.push_back(random_value(rng, json, depth + 1));
      json.end_array();
      return array;
    }
    default: {
      // Keys written in the order nlohmann's map keeps them: sorted as written, no duplicates.
      std::vector<std::string> keys;
      int n = std::uniform_int_distribution<int>(0, 4)(rng);
      for (int i = 0; i < n; ++i) keys.push_back(random_string(rng));
      auto shown = [](const std::string& a, const std::string& b) {
        return to_valid_utf8(a) < to_valid_utf8(b);
      };
      std::sort(keys.begin(), keys.end(), shown);
      keys.erase(std::unique(keys.begin(), keys.end(),
                             [](const std::string& a, const std::string& b) {
                               return to_valid_utf8(a) == to_valid_utf8(b);
                             }),
                 keys.end());
      nlohmann::json object = nlohmann::json::object();
      json.begin_object();
      for (const std::string& key : keys) {
        json.key(key);
        object[to_valid_utf8(key)] = random_value(rng, json, depth + 1);
      }
      json.end_object();
      return object;
    }
  }
}

// What `lamina plan --json` printed in a GitHub log before it streamed: the DOM's ASCII dump
// with each "##[" turned into "##\u005b".
std::string github_dump(const nlohmann::json& dom) {
  std::string text = dom.dump(2, ' ', true, nlohmann::json::error_handler_t::replace);
  for (size_t at = 0; (at = text.find("##[", at)) != std::string::npos; at += 8)
    text.replace(at + 2, 1, "\\u005b");
  return text;
}

TEST(JsonText, RandomHostileDocumentsMatchNlohmannInEveryStyle) {
  std::mt19937 rng(20261206);
  for (int round = 0; round < 3000; ++round) {
    std::mt19937 copy = rng;
    std::string compact, pretty, github;
    JsonText c(compact);
    nlohmann::json dom = random_value(rng, c, 0);
    std::mt19937 again = copy;
    JsonText p(pretty, {.indent = 2});
    random_value(again, p, 0);
    again = copy;
    JsonText g(github, {.indent = 2, .ascii = true, .no_log_markers = true});
    random_value(again, g, 0);
    ASSERT_EQ(compact, dom.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace))
        << "round " << round;
    ASSERT_EQ(pretty, dom.dump(2, ' ', false, nlohmann::json::error_handler_t::replace))
        << "round " << round;
    ASSERT_EQ(github, github_dump(dom)) << "round " << round;
  }
}

TEST(JsonText, AsciiEscapesEveryNonAsciiCharacterAndDel) {
  std::string out;
  append_json_string(out, "\xC3\xBC\x7f\xF0\x9F\x98\x80\xFF", {.ascii = true});
  EXPECT_EQ(out, R"("\u00fc\u007f\ud83d\ude00\ufffd")");
}

TEST(JsonText, LogMarkersAreEscapedOnlyInTheGithubStyle) {
  std::string plain, github;
  append_json_string(plain, "x##[error]y ##[", {});
  append_json_string(github, "x##[error]y ##[", {.ascii = true, .no_log_markers = true});
  EXPECT_EQ(plain, R"("x##[error]y ##[")");
  EXPECT_EQ(github, R"("x##\u005berror]y ##\u005b")");
}

TEST(JsonText, StreamsClosedContainersToTheSinkAndKeepsTheRestUntilFlushed) {
  std::string buffer, received;
  JsonText json(buffer, {.indent = 2});
  int calls = 0;
  json.stream_to(
      [&](std::string_view text) {
        ++calls;
        received += text;
      },
      8);
  json.begin_array();
  for (int i = 0; i < 50; ++i) json.begin_array().value(i).end_array();
  json.end_array();
  json.flush();
  EXPECT_GT(calls, 5);
  EXPECT_TRUE(buffer.empty());
  nlohmann::json expected = nlohmann::json::array();
  for (int i = 0; i < 50; ++i) expected.push_back({i});
  EXPECT_EQ(received, expected.dump(2));
}

}  // namespace
}  // namespace lamina
