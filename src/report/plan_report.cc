#include "report/plan_report.h"

#include "util/text.h"

namespace lamina {
namespace {

nlohmann::json ranges_to_json(const std::vector<LineRange>& ranges) {
  nlohmann::json out = nlohmann::json::array();
  for (const LineRange& r : ranges) out.push_back({r.first, r.last});
  return out;
}

void put_path(nlohmann::json& obj, const char* key, const std::string& path) {
  obj[key] = to_valid_utf8(path);
  if (!is_valid_utf8(path)) obj[std::string(key) + "_base64"] = base64_encode(path);
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

nlohmann::json context_to_json(const CiContext& ctx, const ChangeSet& changes) {
  nlohmann::json out;
  out["provider"] = to_string(ctx.provider);
  out["event"] = to_valid_utf8(ctx.event);
  out["repository"] = to_valid_utf8(ctx.repository);
  out["range"] = to_string(ctx.range);
  out["base"] = changes.base;
  out["head"] = changes.head;
  out["pr"] = ctx.pr_number ? nlohmann::json(*ctx.pr_number) : nlohmann::json(nullptr);
  out["workspace"] = to_valid_utf8(ctx.workspace);
  out["full_scan"] = changes.full_scan;
  out["includes_worktree"] = changes.includes_worktree;
  out["reason"] = to_valid_utf8(ctx.reason);
  nlohmann::json notes = nlohmann::json::array();
  for (const std::string& note : changes.notes) notes.push_back(to_valid_utf8(note));
  out["notes"] = notes;
  return out;
}

nlohmann::json changes_to_json(const ChangeSet& changes) {
  nlohmann::json out = nlohmann::json::array();
  for (const FileChange& f : changes.files) {
    nlohmann::json item;
    put_path(item, "path", f.path);
    if (f.old_path.empty()) {
      item["old_path"] = nullptr;
    } else {
      put_path(item, "old_path", f.old_path);
    }
    item["status"] = to_string(f.status);
    item["binary"] = f.binary;
    item["submodule"] = f.submodule;
    item["symlink"] = f.symlink;
    item["added_lines"] = ranges_to_json(f.added_lines);
    item["hunks"] = ranges_to_json(f.hunks);
    out.push_back(std::move(item));
  }
  return out;
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
