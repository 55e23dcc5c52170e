#include "report/plan_report.h"

#include <functional>

#include "util/text.h"

namespace lamina {
namespace {

void write_ranges(JsonText& json, const std::vector<LineRange>& ranges) {
  json.begin_array();
  for (const LineRange& r : ranges) json.begin_array().value(r.first).value(r.last).end_array();
  json.end_array();
}

// `path` (U+FFFD for bytes that are not UTF-8) and, only then, its exact bytes in `path_base64`.
// Keys in nlohmann's order: "old_path" < "old_path_base64" < "path".
void write_path(JsonText& json, std::string_view key, const std::string& path) {
  json.key(key).value(path);
  if (!is_valid_utf8(path)) json.key(std::string(key) + "_base64").value(base64_encode(path));
}

nlohmann::json parsed(const std::function<void(JsonText&)>& write) {
  std::string text;
  JsonText json(text);
  write(json);
  return nlohmann::json::parse(text);
}

std::string ranges_text(const std::vector<LineRange>& ranges) {
  std::string out;
  for (const LineRange& r : ranges) {
    if (!out.empty()) out += ",";
    out += std::to_string(r.first);
    if (r.last != r.first) out += "-" + std::to_string(r.last);
  }
  return out;
}

}  // namespace

// Keys sorted, as the DOM this replaced wrote them.
void write_context(JsonText& json, const CiContext& ctx, const ChangeSet& changes) {
  json.begin_object();
  json.key("base").value(changes.base);
  json.key("event").value(ctx.event);
  json.key("full_scan").value(changes.full_scan);
  json.key("head").value(changes.head);
  json.key("includes_worktree").value(changes.includes_worktree);
  json.key("notes").begin_array();
  for (const std::string& note : changes.notes) json.value(note);
  json.end_array();
  json.key("pr");
  if (ctx.pr_number) {
    json.value(*ctx.pr_number);
  } else {
    json.null();
  }
  json.key("provider").value(to_string(ctx.provider));
  json.key("range").value(to_string(ctx.range));
  json.key("reason").value(ctx.reason);
  json.key("repository").value(ctx.repository);
  json.key("workspace").value(ctx.workspace);
  json.end_object();
}

void write_changes(JsonText& json, const ChangeSet& changes) {
  json.begin_array();
  for (const FileChange& f : changes.files) {
    json.begin_object();
    json.key("added_lines");
    write_ranges(json, f.added_lines);
    json.key("binary").value(f.binary);
    json.key("hunks");
    write_ranges(json, f.hunks);
    if (f.old_path.empty()) {
      json.key("old_path").null();
    } else {
      write_path(json, "old_path", f.old_path);
    }
    write_path(json, "path", f.path);
    json.key("status").value(to_string(f.status));
    json.key("submodule").value(f.submodule);
    json.key("symlink").value(f.symlink);
    json.end_object();
  }
  json.end_array();
}

nlohmann::json context_to_json(const CiContext& ctx, const ChangeSet& changes) {
  return parsed([&](JsonText& json) { write_context(json, ctx, changes); });
}

nlohmann::json changes_to_json(const ChangeSet& changes) {
  return parsed([&](JsonText& json) { write_changes(json, changes); });
}

std::string changes_text(const ChangeSet& changes) {
  std::string out;
  for (const FileChange& f : changes.files) {
    out += "  ";
    out += to_string(f.status);
    out += "  ";
    if (!f.old_path.empty()) out += printable(f.old_path) + " -> ";
    out += printable(f.path);
    if (f.binary) out += "  (binary)";
    if (f.submodule) out += "  (submodule, not scanned)";
    if (f.symlink) out += "  (symlink, not scanned)";
    if (!f.added_lines.empty()) out += "  +" + ranges_text(f.added_lines);
    out += "\n";
  }
  return out;
}

}  // namespace lamina
