#include "parse/sarif_result.h"

#include <cstdlib>
#include <limits>

namespace lamina {

SarifResultBuilder::Key SarifResultBuilder::classify(std::string_view k) {
  switch (k.size()) {
    case 2:
      return k == "id" ? Key::id : Key::other;
    case 3:
      return k == "uri" ? Key::uri : Key::other;
    case 4:
      if (k == "text") return Key::text;
      if (k == "kind") return Key::kind;
      return k == "rule" ? Key::rule : Key::other;
    case 5:
      if (k == "level") return Key::level;
      return k == "index" ? Key::index : Key::other;
    case 6:
      if (k == "ruleId") return Key::rule_id;
      if (k == "region") return Key::region;
      return k == "status" ? Key::status : Key::other;
    case 7:
      if (k == "message") return Key::message;
      return k == "endLine" ? Key::end_line : Key::other;
    case 8:
      return k == "markdown" ? Key::markdown : Key::other;
    case 9:
      if (k == "ruleIndex") return Key::rule_index;
      if (k == "arguments") return Key::arguments;
      if (k == "locations") return Key::locations;
      if (k == "uriBaseId") return Key::uri_base_id;
      if (k == "startLine") return Key::start_line;
      return k == "endColumn" ? Key::end_column : Key::other;
    case 10:
      return k == "properties" ? Key::properties : Key::other;
    case 11:
      return k == "startColumn" ? Key::start_column : Key::other;
    case 12:
      return k == "suppressions" ? Key::suppressions : Key::other;
    case 13:
      if (k == "justification") return Key::justification;
      return k == "toolComponent" ? Key::tool_component : Key::other;
    case 16:
      if (k == "relatedLocations") return Key::related_locations;
      if (k == "physicalLocation") return Key::physical_location;
      return k == "artifactLocation" ? Key::artifact_location : Key::other;
    case 17:
      return k == "security-severity" ? Key::security_severity : Key::other;
    case 19:
      return k == "partialFingerprints" ? Key::partial_fingerprints : Key::other;
    default:
      return Key::other;
  }
}

void SarifResultBuilder::begin() {
  result_ = SarifResult();
  frames_.assign(1, Frame{Key::root, false, 0});
  pending_ = Key::other;
  skip_depth_ = 0;
  in_related_ = false;
}

SarifResultBuilder::Key SarifResultBuilder::value_key(uint32_t* index) {
  Frame& parent = frames_.back();
  if (!parent.is_array) return pending_;
  *index = parent.count++;
  return Key::element;
}

SarifResultBuilder::Key SarifResultBuilder::grandparent() const {
  return frames_.size() >= 2 ? frames_[frames_.size() - 2].key : Key::other;
}

bool SarifResultBuilder::wanted(Key key, uint32_t index) const {
  switch (frames_.back().key) {
    case Key::root:
      return key == Key::message || key == Key::rule || key == Key::locations ||
             key == Key::related_locations || key == Key::partial_fingerprints ||
             key == Key::properties || key == Key::suppressions;
    case Key::message:
      return key == Key::arguments;
    case Key::rule:
      return key == Key::tool_component;
    case Key::locations:
      return key == Key::element && index == 0;
    case Key::related_locations:
    case Key::suppressions:
      return key == Key::element;
    case Key::element:
      return (grandparent() == Key::locations || grandparent() == Key::related_locations) &&
             (key == Key::physical_location || key == Key::message);
    case Key::physical_location:
      return key == Key::artifact_location || key == Key::region;
    default:
      return false;
  }
}

void SarifResultBuilder::key(const std::string& key) {
  if (skip_depth_ > 0) return;
  pending_ = classify(key);
  if (frames_.back().key == Key::partial_fingerprints) pending_text_ = key;
}

void SarifResultBuilder::open(bool is_object) {
  if (skip_depth_ > 0) {
    ++skip_depth_;
    return;
  }
  uint32_t index = 0;
  Key key = value_key(&index);
  if (!wanted(key, index)) {
    skip_depth_ = 1;
    return;
  }
  Key parent = frames_.back().key;
  if (key == Key::element && parent == Key::locations) {
    result_.primary.emplace();
    in_related_ = false;
  } else if (key == Key::element && parent == Key::related_locations) {
    result_.related.emplace_back();
    in_related_ = true;
  } else if (key == Key::element && parent == Key::suppressions) {
    result_.suppressions.emplace_back();
  }
  frames_.push_back(Frame{key, !is_object, 0});
}

void SarifResultBuilder::close() {
  if (skip_depth_ > 0) {
    --skip_depth_;
    return;
  }
  frames_.pop_back();
}

SarifLocation& SarifResultBuilder::location() {
  return in_related_ ? result_.related.back() : *result_.primary;
}

void SarifResultBuilder::string(const std::string& value) {
  scalar(&value, std::nullopt, true);
}

void SarifResultBuilder::integer(int64_t value) {
  scalar(nullptr, value, false);
}

// A float where an integer belongs (1e3, or a line number too large for 64 bits) is saturated.
void SarifResultBuilder::number(const std::string& text) {
  double value = std::strtod(text.c_str(), nullptr);
  std::optional<int64_t> integer;
  if (value == value) {
    integer = value >= 9.2e18    ? std::numeric_limits<int64_t>::max()
              : value <= -9.2e18 ? std::numeric_limits<int64_t>::min()
                                 : static_cast<int64_t>(value);
  }
  scalar(&text, integer, false);
}

void SarifResultBuilder::other_scalar() {
  scalar(nullptr, std::nullopt, false);
}

// `text` is the string value or a float's text; integers come as `integer` alone.
void SarifResultBuilder::scalar(const std::string* text, std::optional<int64_t> integer,
                                bool is_string) {
  if (skip_depth_ > 0) return;
  uint32_t index = 0;
  Key key = value_key(&index);
  const Key parent = frames_.back().key;
  const auto as_string = [&](std::string& out) {
    if (is_string) out = *text;
  };
  const auto as_text = [&]() {
    return text ? *text : integer ? std::to_string(*integer) : std::string();
  };
  switch (parent) {
    case Key::root:
      if (key == Key::rule_id) as_string(result_.rule_id);
      if (key == Key::rule_index) result_.rule_index = integer;
      if (key == Key::level) as_string(result_.level);
      if (key == Key::kind) as_string(result_.kind);
      break;
    case Key::message:
      if (grandparent() == Key::root) {
        if (key == Key::text) as_string(result_.message_text);
        if (key == Key::markdown) as_string(result_.message_markdown);
        if (key == Key::id) as_string(result_.message_id);
      } else if (key == Key::text) {
        as_string(location().message);
      }
      break;
    case Key::arguments:
      result_.message_arguments.push_back(as_text());
      break;
    case Key::rule:
      if (key == Key::id) as_string(result_.rule_reference_id);
      if (key == Key::index) result_.rule_reference_index = integer;
      break;
    case Key::tool_component:
      if (key == Key::index) result_.tool_component_index = integer;
      break;
    case Key::artifact_location:
      if (key == Key::uri) as_string(location().uri);
      if (key == Key::uri_base_id) as_string(location().uri_base_id);
      if (key == Key::index) location().artifact_index = integer;
      break;
    case Key::region:
      if (key == Key::start_line) location().region.start_line = integer;
      if (key == Key::start_column) location().region.start_column = integer;
      if (key == Key::end_line) location().region.end_line = integer;
      if (key == Key::end_column) location().region.end_column = integer;
      break;
    case Key::partial_fingerprints:
      if (is_string) result_.partial_fingerprints[pending_text_] = *text;
      break;
    case Key::properties:
      if (key == Key::security_severity) result_.security_severity = as_text();
      break;
    case Key::element:
      if (grandparent() == Key::suppressions && key == Key::kind) {
        as_string(result_.suppressions.back().kind);
      } else if (grandparent() == Key::suppressions && key == Key::status) {
        as_string(result_.suppressions.back().status);
      } else if (grandparent() == Key::suppressions && key == Key::justification) {
        as_string(result_.suppressions.back().justification);
      }
      break;
    default:
      break;
  }
}

}  // namespace lamina
