#pragma once
// The four layers of defence a scanner can belong to.
#include <optional>
#include <string>
#include <string_view>

namespace lamina {

enum class Layer { inline_layer, pre_deploy, post_deploy, continuous };

const char* to_string(Layer layer);  // "inline", "pre-deploy", "post-deploy", "continuous"
std::optional<Layer> parse_layer(std::string_view text);

}  // namespace lamina
