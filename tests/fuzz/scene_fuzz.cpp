// libFuzzer target: scene files. parseScene() and every lesson's setParams() must accept or refuse any JSON with a
// message, and a refused scene must leave the lesson's parameters exactly as they were.
#include <cstddef>
#include <cstdint>
#include <string>

#include "lessons/registry.h"
#include "shell/scene.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  nr::app::SceneParse p = nr::app::parseScene(text, "fuzz.json");
  if (!p.ok) {
    if (p.error.empty()) __builtin_trap();
    return 0;
  }
  const int idx = nr::app::findLesson(p.scene.lesson);
  if (idx < 0) __builtin_trap();
  auto lesson = nr::app::lessonCatalog()[idx].make();
  const nlohmann::json before = lesson->params();
  std::vector<std::string> warnings, errors;
  lesson->setParams(p.scene.params, warnings, errors);
  if (!errors.empty() && lesson->params() != before) __builtin_trap();  // all or nothing
  return 0;
}
