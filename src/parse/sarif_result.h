#pragma once
// The fields of one SARIF result that lamina uses, collected straight from parser events: no
// JSON value is built for a result, which is what keeps SARIF reading near the speed of the bare
// tokenizer. Subtrees lamina does not use (snippets, codeFlows, fixes, properties other than
// security-severity) are skipped as they stream past; the verbatim bytes of the result are kept
// separately as its original record.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/paths.h"

namespace lamina {

struct SarifLocation {
  std::string uri;
  std::string uri_base_id;
  std::optional<int64_t> artifact_index;
  RawRegion region;
  std::string message;
};

struct SarifResult {
  std::string rule_id;
  std::optional<int64_t> rule_index;
  std::string rule_reference_id;                // result.rule.id
  std::optional<int64_t> rule_reference_index;  // result.rule.index
  std::optional<int64_t> tool_component_index;  // result.rule.toolComponent.index
  std::string level;
  std::string kind;
  std::string message_text;
  std::string message_markdown;
  std::string message_id;
  std::vector<std::string> message_arguments;
  std::optional<SarifLocation> primary;  // locations[0]
  std::vector<SarifLocation> related;    // relatedLocations
  std::map<std::string, std::string> partial_fingerprints;
  std::optional<std::string> security_severity;  // as written: 7.5 or "7.5" -> "7.5"
  std::vector<Suppression> suppressions;
  std::string original;  // the result's bytes as the tool wrote them
};

// Receives the events inside one result object (the object's own braces excluded).
class SarifResultBuilder {
 public:
  void begin();  // a new result starts
  SarifResult& result() { return result_; }

  void key(const std::string& key);
  void open(bool is_object);
  void close();
  void string(const std::string& value);
  void integer(int64_t value);
  void number(const std::string& text);  // floats, as written
  void other_scalar();                   // null, booleans

 private:
  enum class Key : uint8_t {
    other,
    element,
    root,
    rule_id,
    rule_index,
    level,
    kind,
    message,
    text,
    markdown,
    id,
    arguments,
    rule,
    index,
    tool_component,
    locations,
    related_locations,
    physical_location,
    artifact_location,
    uri,
    uri_base_id,
    region,
    start_line,
    start_column,
    end_line,
    end_column,
    partial_fingerprints,
    properties,
    security_severity,
    suppressions,
    status,
    justification
  };
  struct Frame {
    Key key;
    bool is_array;
    uint32_t count;  // elements so far (arrays)
  };
  static Key classify(std::string_view key);
  // The key of the value starting now: the pending key in an object, `element` in an array.
  Key value_key(uint32_t* index);
  bool wanted(Key key, uint32_t index) const;
  Key grandparent() const;
  SarifLocation& location();
  void scalar(const std::string* text, std::optional<int64_t> integer, bool is_string);

  SarifResult result_;
  std::vector<Frame> frames_;
  Key pending_ = Key::other;
  std::string pending_text_;  // the key itself, kept only under partialFingerprints
  size_t skip_depth_ = 0;     // > 0 inside a subtree lamina does not use
  bool in_related_ = false;   // location fields go to related.back(), else to primary
};

}  // namespace lamina
