#include "util/glob.h"

#include <vector>

namespace lamina {
namespace {

bool is_special(char c) {
  return c == '*' || c == '?' || c == '[' || c == '\\';
}

bool has_special(std::string_view text) {
  for (char c : text) {
    if (is_special(c)) return true;
  }
  return false;
}

// Matches a class starting at body[i] == '['; advances i past ']'. Returns false (and leaves
// *matched false) when `c` is not in the class.
bool match_class(std::string_view body, size_t& i, char c, bool* matched) {
  size_t j = i + 1;
  bool negate = j < body.size() && (body[j] == '!' || body[j] == '^');
  if (negate) ++j;
  bool found = false;
  bool first = true;
  while (j < body.size() && (body[j] != ']' || first)) {
    first = false;
    char low = body[j];
    if (low == '\\' && j + 1 < body.size()) low = body[++j];
    char high = low;
    if (j + 2 < body.size() && body[j + 1] == '-' && body[j + 2] != ']') {
      high = body[j + 2];
      j += 2;
    }
    if (c >= low && c <= high) found = true;
    ++j;
  }
  if (j >= body.size()) return false;  // unclosed: compile_glob rejects it
  i = j + 1;
  *matched = (found != negate) && c != '/';
  return true;
}

// Backtracking over several stars is exponential in their number ("**/*****...*t" against a
// long path never finishes), and patterns come from .lamina.yml, which a change may edit. Each
// (pattern position, text position) pair that failed once is remembered, so a match costs at
// most |body| x |text| calls of match_from.
class FailedStates {
 public:
  FailedStates(size_t body_size, size_t text_size) : stride_(text_size + 1) {
    thread_local std::vector<bool> buffer;
    buffer.assign((body_size + 1) * stride_, false);
    failed_ = &buffer;
  }
  bool seen(size_t b, size_t t) const { return (*failed_)[b * stride_ + t]; }
  bool remember(size_t b, size_t t) {
    (*failed_)[b * stride_ + t] = true;
    return false;
  }

 private:
  size_t stride_;
  std::vector<bool>* failed_;
};

bool match_here(std::string_view body, size_t b, std::string_view text, size_t t,
                FailedStates& failed);

bool match_from(std::string_view body, size_t b, std::string_view text, size_t t,
                FailedStates& failed) {
  if (failed.seen(b, t)) return false;
  return match_here(body, b, text, t, failed) || failed.remember(b, t);
}

bool match_here(std::string_view body, size_t b, std::string_view text, size_t t,
                FailedStates& failed) {
  while (b < body.size()) {
    char p = body[b];
    if (p == '*') {
      bool globstar = b + 1 < body.size() && body[b + 1] == '*';
      if (globstar) {
        size_t after = b + 2;
        bool slash_follows = after < body.size() && body[after] == '/';
        if (after == body.size()) return true;  // trailing "**": everything below
        if (slash_follows) {
          // "**/": zero or more whole folders.
          for (size_t k = t;;) {
            if (match_from(body, after + 1, text, k, failed)) return true;
            size_t slash = text.find('/', k);
            if (slash == std::string_view::npos) return false;
            k = slash + 1;
          }
        }
      }
      size_t next = b + (globstar ? 2 : 1);
      for (size_t k = t; k <= text.size(); ++k) {
        if (match_from(body, next, text, k, failed)) return true;
        if (k < text.size() && text[k] == '/' && !globstar) return false;
      }
      return false;
    }
    if (t >= text.size()) return false;
    if (p == '?') {
      if (text[t] == '/') return false;
      ++b;
    } else if (p == '[') {
      bool matched = false;
      if (!match_class(body, b, text[t], &matched) || !matched) return false;
    } else {
      if (p == '\\' && b + 1 < body.size()) p = body[++b];
      if (p != text[t]) return false;
      ++b;
    }
    ++t;
  }
  return t == text.size();
}

std::string literal_prefix(std::string_view body) {
  size_t end = 0;
  while (end < body.size() && !is_special(body[end])) ++end;
  return std::string(body.substr(0, end));
}

std::string literal_suffix(std::string_view body) {
  size_t start = body.size();
  while (start > 0 && !is_special(body[start - 1]) && body[start - 1] != ']') --start;
  // A suffix right after an escape is not literal text of its own.
  if (start > 0 && body[start - 1] == '\\') return "";
  return std::string(body.substr(start));
}

bool classes_closed(std::string_view body) {
  for (size_t i = 0; i < body.size(); ++i) {
    if (body[i] == '\\') {
      ++i;
    } else if (body[i] == '[') {
      size_t j = i + 1;
      if (j < body.size() && (body[j] == '!' || body[j] == '^')) ++j;
      if (j < body.size() && body[j] == ']') ++j;
      while (j < body.size() && body[j] != ']') ++j;
      if (j >= body.size()) return false;
      i = j;
    }
  }
  return true;
}

void classify(Glob* glob, bool anchored) {
  const std::string& body = glob->body;
  glob->required_prefix = literal_prefix(body);
  glob->required_suffix = literal_suffix(body);
  if (anchored) {
    std::string_view folder = std::string_view(body);
    // "dir/**" is everything below the folder "dir": a folder-only literal, found by hash.
    if (folder.ends_with("/**") && !has_special(folder.substr(0, folder.size() - 3))) {
      folder.remove_suffix(3);
      glob->dir_only = true;
    }
    glob->kind = has_special(folder) ? GlobKind::path_generic : GlobKind::path_literal;
    glob->literal = glob->kind == GlobKind::path_literal ? std::string(folder) : "";
    return;
  }
  if (!has_special(body)) {
    glob->kind = GlobKind::name_literal;
    glob->literal = body;
  } else if (body[0] == '*' && !has_special(std::string_view(body).substr(1))) {
    std::string suffix = body.substr(1);
    bool extension =
        suffix.size() > 1 && suffix[0] == '.' && suffix.find('.', 1) == std::string::npos;
    glob->kind = extension ? GlobKind::name_extension : GlobKind::name_suffix;
    glob->literal = extension ? suffix.substr(1) : suffix;
  } else {
    glob->kind = GlobKind::name_generic;
  }
}

}  // namespace

bool compile_glob(std::string_view pattern, Glob* glob, std::string* error) {
  *glob = Glob{};
  glob->text = std::string(pattern);
  std::string_view body = pattern;
  if (!body.empty() && body[0] == '!') {
    glob->negated = true;
    body.remove_prefix(1);
  }
  if (!body.empty() && body.back() == '/') {
    glob->dir_only = true;
    body.remove_suffix(1);
  }
  bool anchored = false;
  if (!body.empty() && body[0] == '/') {
    anchored = true;
    body.remove_prefix(1);
  }
  // "**/name" matches name at any depth, exactly like the unanchored "name".
  while (body.size() > 3 && body.substr(0, 3) == "**/" && !anchored) {
    std::string_view rest = body.substr(3);
    if (rest.find('/') != std::string_view::npos) break;
    body = rest;
  }
  if (body.empty()) {
    *error = "empty pattern";
    return false;
  }
  if (!classes_closed(body)) {
    *error = "unclosed '[' in pattern \"" + std::string(pattern) + "\"";
    return false;
  }
  anchored = anchored || body.find('/') != std::string_view::npos;
  glob->body = std::string(body);
  classify(glob, anchored);
  return true;
}

bool glob_body_matches(std::string_view body, std::string_view text) {
  FailedStates failed(body.size(), text.size());
  return match_from(body, 0, text, 0, failed);
}

bool glob_matches_name(const Glob& glob, std::string_view name) {
  switch (glob.kind) {
    case GlobKind::name_literal:
      return name == glob.literal;
    case GlobKind::name_extension:
      return name.size() > glob.literal.size() && name.ends_with(glob.literal) &&
             name[name.size() - glob.literal.size() - 1] == '.';
    case GlobKind::name_suffix:
      return name.ends_with(glob.literal);
    case GlobKind::name_generic:
      return name.starts_with(glob.required_prefix) && name.ends_with(glob.required_suffix) &&
             glob_body_matches(glob.body, name);
    case GlobKind::path_literal:
    case GlobKind::path_generic:
      return false;
  }
  return false;
}

bool glob_matches_path(const Glob& glob, std::string_view path) {
  switch (glob.kind) {
    case GlobKind::path_literal:
      return path == glob.literal;
    case GlobKind::path_generic:
      return path.starts_with(glob.required_prefix) && path.ends_with(glob.required_suffix) &&
             glob_body_matches(glob.body, path);
    default:
      return false;
  }
}

}  // namespace lamina
