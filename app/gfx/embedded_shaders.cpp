#include "gfx/embedded_shaders.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace nr::gfx {

std::string_view embeddedShader(std::string_view name) {
  for (std::size_t i = 0; i < detail::kEmbeddedShaderCount; ++i) {
    if (detail::kEmbeddedShaders[i].name == name) return detail::kEmbeddedShaders[i].text;
  }
  return {};
}

const std::vector<std::string_view>& embeddedShaderNames() {
  static const std::vector<std::string_view> names = [] {
    std::vector<std::string_view> v;
    for (std::size_t i = 0; i < detail::kEmbeddedShaderCount; ++i) v.push_back(detail::kEmbeddedShaders[i].name);
    std::sort(v.begin(), v.end());
    return v;
  }();
  return names;
}

std::string shaderOverrideDir() {
  // Read each time (not cached) so a test, or a developer in a debugger, can point it elsewhere at run time.
  if (const char* env = std::getenv("NR_SHADER_DIR"); env && *env) return env;
#ifdef NR_SHADER_SOURCE_DIR
  return NR_SHADER_SOURCE_DIR;
#else
  return {};
#endif
}

ShaderText loadShaderText(std::string_view name) {
  ShaderText out;
  // Only plain file names: a name is a key into shaders/, never a path to wander the disk with.
  const bool plainName = !name.empty() && name.find('/') == std::string_view::npos &&
                         name.find('\\') == std::string_view::npos && name.find("..") == std::string_view::npos;
  if (std::string dir = shaderOverrideDir(); plainName && !dir.empty()) {
    std::string path = dir + "/" + std::string(name);
    if (std::ifstream file(path, std::ios::binary); file) {
      std::ostringstream ss;
      ss << file.rdbuf();
      out.text = ss.str();
      out.origin = path;
      out.found = true;
      return out;
    }
  }
  std::string_view embedded = embeddedShader(name);
  if (!embedded.empty()) {
    out.text = std::string(embedded);
    out.origin = "embedded:" + std::string(name);
    out.found = true;
  }
  return out;
}

}  // namespace nr::gfx
