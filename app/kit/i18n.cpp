#include "kit/i18n.h"

#include <cctype>
#include <cstdlib>

namespace nr::app {

Translator::Translator() : Translator(textCatalogs()) {}

Translator::Translator(std::shared_ptr<const TextCatalogs> catalogs) : m_catalogs(std::move(catalogs)) {
  m_english = m_catalogs->find(kEnglish);
}

const char* Translator::get(const char* key, const Lang& lang) const {
  const std::string_view k(key);
  if (lang != kEnglish)
    if (const TextCatalog* c = language(lang)) {
      auto it = c->strings.find(k);
      if (it != c->strings.end()) return it->second.c_str();
    }
  if (m_english) {
    auto it = m_english->strings.find(k);
    if (it != m_english->strings.end()) return it->second.c_str();
  }
  if (m_missing.size() < 100 && !m_missingTexts.count(k)) m_missing.emplace_back(key);
  // The caller's key may be a temporary: hand back a copy that lives as long as the translator.
  return m_missingTexts.emplace(key).first->c_str();
}

bool Translator::has(std::string_view key) const { return m_english && m_english->strings.count(key) != 0; }

std::string Translator::languageList() const {
  std::string s;
  const std::vector<TextCatalog>& all = languages();
  for (std::size_t i = 0; i < all.size(); ++i) s += (i == 0 ? "" : i + 1 == all.size() ? " or " : ", ") + all[i].code;
  return s;
}

std::string Translator::allText(const Lang& lang) const {
  const TextCatalog* c = language(lang);
  if (!c) return {};
  std::string s = c->language;
  for (const auto& [key, text] : c->strings) s += text;
  return s;
}

Lang systemLanguage(const Translator& tr) {
  for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* v = std::getenv(name);
    if (!v || !*v) continue;
    std::string code;
    for (const char* p = v; std::isalpha(static_cast<unsigned char>(*p)); ++p)
      code += static_cast<char>(std::tolower(static_cast<unsigned char>(*p)));
    return tr.hasLanguage(code) ? code : kEnglish;
  }
  return kEnglish;
}

}  // namespace nr::app
