#pragma once
// Scenes: a lesson's parameters with the language and UI scale, saved as JSON so a teacher can prepare a class.
//   {"nrlab_scene": 1, "lesson": "norm-axes", "lang": "zh", "scale": 1.5, "params": {...}}

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "kit/i18n.h"

namespace nr::app {

struct Scene {
  std::string lesson;
  Lang lang = kEnglish;
  float scale = 1.0f;
  nlohmann::json params = nlohmann::json::object();
  /// One line for the presets menu by language (optional): "description" is the English one, "description_<code>"
  /// another language's. The bundled presets have theirs in the text catalogs instead ("<lesson>.preset.<name>").
  std::map<std::string, std::string> descriptions;
  /// The description in `lang`, else the English one, else "".
  std::string descriptionIn(const Lang& lang) const {
    auto it = descriptions.find(lang);
    if (it == descriptions.end()) it = descriptions.find(kEnglish);
    return it == descriptions.end() ? std::string() : it->second;
  }
};

std::string sceneToJson(const Scene& scene);

/// The largest scene file read (1 MB: a scene of any lesson is a few kB) and the deepest nesting of its JSON.
inline constexpr size_t kMaxSceneBytes = 1 << 20;
inline constexpr int kMaxSceneDepth = 32;

/// How deeply the JSON text nests objects and lists (strings and escapes skipped), stopping as soon as `limit` is
/// passed: nothing recursive ever sees a text that nests deeper than the limit.
int jsonNestingDepth(const std::string& text, int limit);

struct SceneParse {
  bool ok = false;
  std::string error;  ///< why the file was refused (malformed JSON, unknown lesson, invalid value)
  std::vector<std::string> warnings;
  Scene scene;
};

/// Parses and validates the envelope (the lesson validates its own params). `name` is used in messages. Refuses a
/// text over kMaxSceneBytes or nested deeper than kMaxSceneDepth; at most a few unknown keys are listed one by one.
SceneParse parseScene(const std::string& text, const std::string& name);

}  // namespace nr::app
