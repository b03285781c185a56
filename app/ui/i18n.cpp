#include "ui/i18n.h"

#include <cstdlib>

#include "lessons/note_params.h"
#include "lessons/registry.h"
#include "ui/strings.h"

namespace nr::app {

const char* langCode(Lang lang) { return lang == Lang::Zh ? "zh" : "en"; }

Lang systemLanguage() {
  for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* v = std::getenv(name);
    if (v && *v) return std::string(v).rfind("zh", 0) == 0 ? Lang::Zh : Lang::En;
  }
  return Lang::En;
}

bool parseLang(const std::string& code, Lang& out) {
  if (code == "en") {
    out = Lang::En;
    return true;
  }
  if (code == "zh") {
    out = Lang::Zh;
    return true;
  }
  return false;
}

Translator::Translator() {
  const std::vector<TextEntry>& shell = shellStrings();
  add(shell.data(), shell.size());
  for (const LessonInfo& info : lessonCatalog()) {
    const std::vector<TextEntry>& t = info.strings();
    add(t.data(), t.size());
  }
  const std::vector<TextEntry>& params = noteParamStrings();
  add(params.data(), params.size());
}

void Translator::add(const TextEntry* entries, size_t count) {
  for (size_t i = 0; i < count; ++i) m_map[entries[i].key] = &entries[i];
}

const char* Translator::get(const char* key, Lang lang) const {
  auto it = m_map.find(key);
  if (it == m_map.end()) {
    if (m_missing.size() < 100) m_missing.emplace_back(key);
    return key;
  }
  return lang == Lang::Zh ? it->second->zh : it->second->en;
}

std::string Translator::allText(Lang lang) const {
  std::string s;
  for (const auto& [key, e] : m_map) s += lang == Lang::Zh ? e->zh : e->en;
  return s;
}

}  // namespace nr::app
