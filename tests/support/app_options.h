#pragma once
// The App's options for tests: no settings read or written, no GL textures.

#include <string>

#include "shell/app.h"

namespace nr::test {

inline app::AppOptions appTestOptions(const app::Lang& lang, float scale = 1.0f, const std::string& lesson = {}) {
  app::AppOptions o;
  o.lang = lang;
  o.scale = scale;
  o.lesson = lesson;
  o.persistent = false;
  o.hasGraphics = false;
  return o;
}

}  // namespace nr::test
