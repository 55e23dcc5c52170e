#pragma once
// Making hostile text inert in GitHub-flavoured Markdown: no HTML, no links or images, no
// emphasis, no table breaks, no @mentions, one line.
#include <string>
#include <string_view>

namespace lamina {

std::string markdown_inert(std::string_view text, size_t max_bytes = 1000);

}  // namespace lamina
