#pragma once
// Scenes: a lesson's parameters with the language and UI scale, saved as JSON so a teacher can prepare a class.
//   {"nrlab_scene": 1, "lesson": "norm-axes", "lang": "zh", "scale": 1.5, "params": {...}}

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "ui/i18n.h"

namespace nr::app {

struct Scene {
  std::string lesson;
  Lang lang = Lang::En;
  float scale = 1.0f;
  nlohmann::json params = nlohmann::json::object();
  std::string description;  ///< one line for the presets menu (optional)
};

std::string sceneToJson(const Scene& scene);

struct SceneParse {
  bool ok = false;
  std::string error;  ///< why the file was refused (malformed JSON, unknown lesson, invalid value)
  std::vector<std::string> warnings;
  Scene scene;
};

/// Parses and validates the envelope (the lesson validates its own params). `name` is used in messages.
SceneParse parseScene(const std::string& text, const std::string& name);

}  // namespace nr::app
