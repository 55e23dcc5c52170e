#include "parse/sarif.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iterator>
#include <utility>

#include "parse/parse_support.h"
#include "parse/parsers.h"
#include "parse/sarif_run.h"
#include "parse/sarif_stream.h"

namespace lamina {
namespace {

using json = nlohmann::json;

// Turns stream events into findings, one run at a time.
class SarifReader : public SarifEvents {
 public:
  SarifReader(const ParseContext& ctx, ParseOutcome& outcome, const FindingSink& sink)
      : ctx_(ctx), outcome_(outcome), sink_(sink) {}

  void run_begin() override {
    ++run_count_;
    run_ = SarifRun();
    pending_.clear();
  }
  void run_member(const std::string& key, json&& value) override {
    run_.set_member(key, std::move(value));
  }
  void result(json&& result) override {
    if (!run_.has_tool()) {
      pending_.push_back(std::move(result));
      return;
    }
    emit(result);
  }
  void run_end() override {
    if (!run_.has_tool() && !pending_.empty()) {
      outcome_.notes.push_back("run " + std::to_string(run_count_) +
                               " has no \"tool\"; rules unknown for its results");
    }
    for (const json& result : pending_) emit(result);
    pending_.clear();
    if (run_.skipped_kinds()) {
      outcome_.notes.push_back("run " + std::to_string(run_count_) + ": " +
                               std::to_string(run_.skipped_kinds()) +
                               " result(s) of kind pass/notApplicable are not findings");
    }
  }
  // Results of a run cut short by a parse error are still reported.
  void flush_after_error() {
    for (const json& result : pending_) emit(result);
    pending_.clear();
  }

 private:
  void emit(const json& result) {
    std::optional<Finding> finding = run_.finding(result, ctx_, outcome_);
    if (finding) sink_(std::move(*finding));
  }

  const ParseContext& ctx_;
  ParseOutcome& outcome_;
  const FindingSink& sink_;
  SarifRun run_;
  std::vector<json> pending_;
  size_t run_count_ = 0;
};

void finish(SarifSax& sax, SarifReader& reader, ParseOutcome& outcome) {
  if (std::optional<std::string> error = sax.error()) {
    reader.flush_after_error();
    outcome.error = "sarif: " + *error;
  }
}

// Bytes of a file, read in chunks with invalid UTF-8 replaced, as an input iterator for
// nlohmann::json::sax_parse.
class ChunkedFile {
 public:
  explicit ChunkedFile(int fd) : fd_(fd) {}
  bool at_end() { return pos_ == chunk_.size() && !refill(); }
  const char& current() const { return chunk_[pos_]; }
  void advance() { ++pos_; }
  size_t replaced() const { return replaced_; }
  const std::string& read_error() const { return read_error_; }

 private:
  bool refill();

  int fd_;
  std::string chunk_;
  std::string carry_;  // an incomplete UTF-8 sequence cut by the chunk boundary
  size_t pos_ = 0;
  size_t replaced_ = 0;
  std::string read_error_;
};

// Length of a trailing incomplete UTF-8 sequence in `raw` (0 when it ends on a boundary).
size_t incomplete_tail(const std::string& raw) {
  for (size_t back = 1; back <= 3 && back <= raw.size(); ++back) {
    unsigned char c = static_cast<unsigned char>(raw[raw.size() - back]);
    if ((c & 0xC0) == 0x80) continue;
    size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    return need > back ? back : 0;
  }
  return 0;
}

bool ChunkedFile::refill() {
  std::string raw = std::move(carry_);
  carry_.clear();
  size_t had = raw.size();
  raw.resize(had + (1u << 20));
  ssize_t n;
  do {
    n = ::read(fd_, raw.data() + had, raw.size() - had);
  } while (n < 0 && errno == EINTR);
  if (n < 0) read_error_ = std::strerror(errno);
  raw.resize(had + static_cast<size_t>(n > 0 ? n : 0));
  if (n > 0) {
    size_t tail = incomplete_tail(raw);
    carry_.assign(raw, raw.size() - tail, tail);
    raw.resize(raw.size() - tail);
  }
  size_t replaced = 0;
  chunk_ = valid_utf8(raw, &replaced);
  replaced_ += replaced;
  pos_ = 0;
  return !chunk_.empty();
}

struct ChunkIterator {
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  ChunkedFile* file = nullptr;  // nullptr = the end

  reference operator*() const { return file->current(); }
  ChunkIterator& operator++() {
    file->advance();
    return *this;
  }
  bool done() const { return file == nullptr || file->at_end(); }
  bool operator==(const ChunkIterator& other) const { return done() == other.done(); }
  bool operator!=(const ChunkIterator& other) const { return !(*this == other); }
};

void note_replacements(size_t replaced, ParseOutcome& outcome) {
  if (replaced) {
    outcome.notes.push_back(std::to_string(replaced) +
                            " invalid UTF-8 sequence(s) replaced by U+FFFD");
  }
}

}  // namespace

ParseOutcome stream_sarif(std::string_view bytes, const ParseContext& ctx,
                          const FindingSink& sink) {
  ParseOutcome outcome;
  size_t replaced = 0;
  std::string repaired;
  std::string_view text = bytes;
  if (!is_valid_utf8(bytes)) {
    repaired = valid_utf8(bytes, &replaced);
    text = repaired;
  }
  note_replacements(replaced, outcome);
  SarifReader reader(ctx, outcome, sink);
  SarifSax sax(reader, kMaxJsonDepth);
  json::sax_parse(text.begin(), text.end(), &sax);
  finish(sax, reader, outcome);
  return outcome;
}

ParseOutcome stream_sarif_file(const std::string& path, const ParseContext& ctx,
                               const FindingSink& sink) {
  ParseOutcome outcome;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    outcome.error = "sarif: cannot open " + path + ": " + std::strerror(errno);
    return outcome;
  }
  ChunkedFile file(fd);
  SarifReader reader(ctx, outcome, sink);
  SarifSax sax(reader, kMaxJsonDepth);
  json::sax_parse(ChunkIterator{&file}, ChunkIterator{}, &sax);
  ::close(fd);
  note_replacements(file.replaced(), outcome);
  finish(sax, reader, outcome);
  if (!file.read_error().empty() && !outcome.error) {
    outcome.error = "sarif: reading " + path + ": " + file.read_error();
  }
  return outcome;
}

ParseOutcome parse_sarif(std::string_view bytes, const ParseContext& ctx) {
  std::vector<Finding> findings;
  ParseOutcome outcome =
      stream_sarif(bytes, ctx, [&](Finding&& finding) { findings.push_back(std::move(finding)); });
  outcome.findings = std::move(findings);
  return outcome;
}

}  // namespace lamina
