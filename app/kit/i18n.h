#pragma once
// Every visible string is looked up by key in the text catalogs (kit/text_catalog.h: assets/i18n/<code>.json, compiled
// in, with NR_TEXT_DIR laid over them). A language is its catalog's code; the languages offered are the catalogs
// present, so adding a language is adding a file (and a font, if it needs new glyphs). English is the fallback: a
// key a language lacks shows in English. The font atlas's glyph ranges are built from the catalogs' texts
// (kit/fonts.cpp), so the atlas holds exactly the characters the UI can show (the full CJK range would overflow the
// texture size and blacken the screen).

#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "kit/text_catalog.h"

namespace nr::app {

/// A language: the code of its catalog ("en", "zh").
using Lang = std::string;
inline constexpr const char* kEnglish = "en";

class Translator {
 public:
  Translator();  ///< the catalogs of this process (textCatalogs())
  explicit Translator(std::shared_ptr<const TextCatalogs> catalogs);

  /// The text in `lang`; else the English text; else the key itself (recorded in missingKeys(), which the UI test
  /// checks). The pointer stays valid as long as the Translator.
  const char* get(const char* key, const Lang& lang) const;
  /// Whether the key has a text (in English, which has every key).
  bool has(std::string_view key) const;

  /// The languages offered, English first: one per catalog.
  const std::vector<TextCatalog>& languages() const { return m_catalogs->languages; }
  const TextCatalog* language(std::string_view code) const { return m_catalogs->find(code); }
  bool hasLanguage(std::string_view code) const { return language(code) != nullptr; }
  /// "en or zh" ("en, fr or zh"): for messages naming what a --lang or a scene may say.
  std::string languageList() const;
  /// Every text of one language and its name, for building glyph ranges.
  std::string allText(const Lang& lang) const;
  /// Override catalogs (NR_TEXT_DIR) or entries that were not used, and why.
  const std::vector<std::string>& problems() const { return m_catalogs->problems; }
  const std::vector<std::string>& missingKeys() const { return m_missing; }

 private:
  std::shared_ptr<const TextCatalogs> m_catalogs;
  const TextCatalog* m_english = nullptr;
  mutable std::set<std::string, std::less<>> m_missingTexts;  ///< what get() returns for a missing key
  mutable std::vector<std::string> m_missing;
};

/// The language of the system: the first set of LC_ALL, LC_MESSAGES and LANG (POSIX precedence), by its language part
/// ("zh" of zh_CN.UTF-8 or zh_TW), when a catalog has it; English otherwise. Used on a first start (nothing saved).
Lang systemLanguage(const Translator& tr);

}  // namespace nr::app
