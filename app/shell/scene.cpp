#include "shell/scene.h"

#include <algorithm>
#include <cmath>

#include "lessons/lesson.h"
#include "nr/file_io.h"

#include "lessons/registry.h"

namespace nr::app {

std::string sceneToJson(const Scene& scene) {
  nlohmann::json j;
  j["nrlab_scene"] = 1;
  j["lesson"] = scene.lesson;
  j["lang"] = scene.lang;
  j["scale"] = scene.scale;
  j["params"] = scene.params;
  return j.dump(2) + "\n";
}

int jsonNestingDepth(const std::string& text, int limit) {
  int depth = 0, deepest = 0;
  bool inString = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    if (inString) {
      if (ch == '\\') ++i;
      else if (ch == '"') inString = false;
    } else if (ch == '"') {
      inString = true;
    } else if (ch == '{' || ch == '[') {
      deepest = std::max(deepest, ++depth);
      if (deepest > limit) return deepest;
    } else if (ch == '}' || ch == ']') {
      --depth;
    }
  }
  return deepest;
}

SceneParse parseScene(const std::string& text, const std::string& name) {
  SceneParse r;
  if (text.size() > kMaxSceneBytes) {
    r.error = name + " is " + core::formatBytes(text.size()) + ", more than a scene can be (" +
              core::formatBytes(kMaxSceneBytes) + "); keeping the current settings";
    return r;
  }
  if (jsonNestingDepth(text, kMaxSceneDepth) > kMaxSceneDepth) {
    r.error = name + " nests its values more than " + std::to_string(kMaxSceneDepth) +
              " levels deep, which no scene does; keeping the current settings";
    return r;
  }
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    r.error = name + " is not a valid scene file (malformed JSON); keeping the current settings";
    return r;
  }
  if (!j.contains("lesson") || !j["lesson"].is_string()) {
    r.error = name + " names no lesson (\"lesson\": \"norm-axes\", ...); keeping the current settings";
    return r;
  }
  r.scene.lesson = j["lesson"].get<std::string>();
  if (findLesson(r.scene.lesson) < 0) {
    r.error = name + ": unknown lesson '" + r.scene.lesson + "' (see nrlab --list-lessons)";
    return r;
  }
  size_t unknown = 0;
  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string& k = it.key();
    if (k != "nrlab_scene" && k != "lesson" && k != "lang" && k != "scale" && k != "params" && k != "description" &&
        k.rfind("description_", 0) != 0 && ++unknown <= 3)
      r.warnings.push_back(name + ": unknown key '" + core::shortText(k, 40, true) + "' ignored");
  }
  if (unknown > 3) r.warnings.push_back(name + ": and " + std::to_string(unknown - 3) + " more unknown keys ignored");
  if (j.contains("lang")) {
    const Translator tr;
    if (!j["lang"].is_string() || !tr.hasLanguage(j["lang"].get<std::string>())) {
      r.error = name + ": \"lang\" must be " + tr.languageList() + ", got " + jsonPreview(j["lang"]);
      return r;
    }
    r.scene.lang = j["lang"].get<std::string>();
  }
  if (j.contains("scale")) {
    const nlohmann::json& s = j["scale"];
    if (!s.is_number() || !std::isfinite(s.get<double>()) || s.get<double>() < 1.0 || s.get<double>() > 3.0) {
      r.error = name + ": \"scale\" must be a number from 1 to 3, got " + jsonPreview(s);
      return r;
    }
    r.scene.scale = s.get<float>();
  }
  // At most a few descriptions, each cut short: a scene can be hostile.
  for (auto it = j.begin(); it != j.end() && r.scene.descriptions.size() < 16; ++it) {
    const std::string& k = it.key();
    if (!it->is_string() || (k != "description" && k.rfind("description_", 0) != 0)) continue;
    const std::string code = k == "description" ? std::string(kEnglish) : k.substr(12);
    if (validLanguageCode(code)) r.scene.descriptions[code] = core::shortText(it->get<std::string>(), 600);
  }
  if (j.contains("params")) {
    if (!j["params"].is_object()) {
      r.error = name + ": \"params\" must be an object";
      return r;
    }
    r.scene.params = std::move(j["params"]);
  }
  r.ok = true;
  return r;
}

}  // namespace nr::app
