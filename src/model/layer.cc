#include "model/layer.h"

namespace lamina {

const char* to_string(Layer layer) {
  switch (layer) {
    case Layer::inline_layer:
      return "inline";
    case Layer::pre_deploy:
      return "pre-deploy";
    case Layer::post_deploy:
      return "post-deploy";
    case Layer::continuous:
      return "continuous";
  }
  return "inline";
}

std::optional<Layer> parse_layer(std::string_view text) {
  for (Layer layer :
       {Layer::inline_layer, Layer::pre_deploy, Layer::post_deploy, Layer::continuous}) {
    if (text == to_string(layer)) return layer;
  }
  return std::nullopt;
}

}  // namespace lamina
