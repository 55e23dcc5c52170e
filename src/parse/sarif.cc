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
#include "util/text.h"

namespace lamina {
namespace {

using json = nlohmann::json;

// Turns stream events into findings, one run at a time.
class SarifReader : public SarifEvents {
 public:
  SarifReader(const ParseContext& ctx, ParseOutcome& outcome, const FindingSink& sink,
              const RunSink& runs)
      : ctx_(ctx),
        outcome_(outcome),
        sink_(sink),
        runs_(runs),
        paths_(ctx.repository_root, ctx.working_directory, &ctx.workspace),
        run_(paths_) {}

  void run_begin() override {
    ++run_count_;
    run_ = SarifRun(paths_);
    pending_.clear();
    has_results_ = false;
  }
  void results_begin() override { has_results_ = true; }
  void run_member(const std::string& key, json&& value) override {
    run_.set_member(key, std::move(value));
  }
  void result(SarifResult&& result) override {
    if (!run_.has_tool() || !run_.can_place(result, ctx_)) {
      pending_.push_back(std::move(result));
      return;
    }
    emit(std::move(result));
  }
  void run_end() override {
    if (!run_.has_tool() && !pending_.empty()) {
      outcome_.notes.push_back("run " + std::to_string(run_count_) +
                               " has no \"tool\"; rules unknown for its results");
    }
    for (SarifResult& result : pending_) emit(std::move(result));
    pending_.clear();
    if (run_.skipped_kinds()) {
      outcome_.notes.push_back("run " + std::to_string(run_count_) + ": " +
                               std::to_string(run_.skipped_kinds()) +
                               " result(s) of kind pass/notApplicable are not findings");
    }
    SarifRunSummary summary = run_.summary();
    summary.number = run_count_;
    summary.has_results = has_results_;
    if (!has_results_) note_incomplete(summary);
    if (runs_) runs_(std::move(summary));
  }
  // A run with no "results" array says the tool did not finish: not a clean pass.
  void note_incomplete(const SarifRunSummary& run) {
    std::string failure = incomplete_run_reason(run);
    outcome_.tool_failure =
        outcome_.tool_failure ? *outcome_.tool_failure + "; " + failure : failure;
  }

  // Results of a run cut short by a parse error are still reported.
  void flush_after_error() {
    for (SarifResult& result : pending_) emit(std::move(result));
    pending_.clear();
  }

 private:
  void emit(SarifResult&& result) {
    std::optional<Finding> finding = run_.finding(std::move(result), ctx_, outcome_);
    if (finding) sink_(std::move(*finding));
  }

  const ParseContext& ctx_;
  ParseOutcome& outcome_;
  const FindingSink& sink_;
  const RunSink& runs_;
  PathResolver paths_;
  SarifRun run_;
  std::vector<SarifResult> pending_;
  size_t run_count_ = 0;
  bool has_results_ = false;
};

// The bytes of a log, whole in memory or read from a file in chunks (invalid UTF-8 replaced),
// as an input iterator for nlohmann::json::sax_parse; records each result's bytes.
class SarifInput : public ResultRecorder {
 public:
  explicit SarifInput(std::string_view whole) : data_(whole.data()), size_(whole.size()) {}
  explicit SarifInput(int fd) : fd_(fd) {}

  bool at_end() { return pos_ == size_ && !refill(); }
  const char& current() const { return data_[pos_]; }
  void advance() { ++pos_; }

  void start() override {
    recording_ = true;
    record_.clear();
    mark_ = pos_ - 1;
  }
  std::string finish() override {
    record_.append(data_ + mark_, pos_ - mark_);
    recording_ = false;
    return std::move(record_);
  }

  size_t replaced() const { return replaced_; }
  const std::string& read_error() const { return read_error_; }

 private:
  bool refill();

  const char* data_ = nullptr;
  size_t size_ = 0;
  size_t pos_ = 0;
  int fd_ = -1;  // -1: the whole log is in `data_`
  std::string chunk_;
  std::string carry_;  // an incomplete UTF-8 sequence cut by the chunk boundary
  bool recording_ = false;
  size_t mark_ = 0;     // where the result being recorded starts in `data_`
  std::string record_;  // its bytes from earlier chunks
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

bool SarifInput::refill() {
  if (fd_ < 0) return false;
  if (recording_) {
    record_.append(data_ + mark_, pos_ - mark_);
    mark_ = 0;
  }
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
  if (is_valid_utf8(raw)) {
    chunk_.swap(raw);
  } else {
    size_t replaced = 0;
    chunk_ = valid_utf8(raw, &replaced);
    replaced_ += replaced;
  }
  data_ = chunk_.data();
  size_ = chunk_.size();
  pos_ = 0;
  return size_ > 0;
}

struct ChunkIterator {
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  SarifInput* file = nullptr;  // nullptr = the end

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

namespace {

ParseOutcome read_sarif(SarifInput& input, const ParseContext& ctx, const FindingSink& sink,
                        const RunSink& runs, ParseOutcome outcome) {
  SarifReader reader(ctx, outcome, sink, runs);
  SarifSax sax(reader, input, kMaxJsonDepth);
  json::sax_parse(ChunkIterator{&input}, ChunkIterator{}, &sax);
  note_replacements(input.replaced(), outcome);
  if (std::optional<std::string> error = sax.error()) {
    reader.flush_after_error();
    outcome.error = "sarif: " + *error;
  }
  return outcome;
}

}  // namespace

ParseOutcome stream_sarif(std::string_view bytes, const ParseContext& ctx, const FindingSink& sink,
                          const RunSink& runs) {
  ParseOutcome outcome;
  std::string repaired;
  if (!is_valid_utf8(bytes)) {
    size_t replaced = 0;
    repaired = valid_utf8(bytes, &replaced);
    note_replacements(replaced, outcome);
    bytes = repaired;
  }
  SarifInput input(bytes);
  return read_sarif(input, ctx, sink, runs, std::move(outcome));
}

ParseOutcome stream_sarif_file(const std::string& path, const ParseContext& ctx,
                               const FindingSink& sink, const RunSink& runs) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    ParseOutcome outcome;
    outcome.error = "sarif: cannot open " + path + ": " + std::strerror(errno);
    return outcome;
  }
  SarifInput input(fd);
  ParseOutcome outcome = read_sarif(input, ctx, sink, runs, ParseOutcome());
  ::close(fd);
  if (!input.read_error().empty() && !outcome.error) {
    outcome.error = "sarif: reading " + path + ": " + input.read_error();
  }
  return outcome;
}

std::string incomplete_run_reason(const SarifRunSummary& run) {
  std::string tool = run.tool_name.empty() ? "" : " (" + one_line(run.tool_name, 100) + ")";
  return "run " + std::to_string(run.number) + tool +
         " has no \"results\" array: the tool did not run to completion";
}

ParseOutcome parse_sarif(std::string_view bytes, const ParseContext& ctx) {
  FindingList findings;
  ParseOutcome outcome =
      stream_sarif(bytes, ctx, [&](Finding&& finding) { findings.push_back(std::move(finding)); });
  outcome.findings = std::move(findings);
  return outcome;
}

}  // namespace lamina
