#pragma once
// One translation table for the whole UI. Every visible string is looked up by key; each entry carries its English
// and Simplified Chinese text. Lessons contribute their own entries (next to their code), and the table is the
// union. The Chinese glyph range of the font atlas is built from these strings, so the atlas holds exactly the
// characters the UI can show (the full CJK range would overflow the texture size and blacken the screen).

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace nr::app {

enum class Lang { En, Zh };

const char* langCode(Lang lang);  // "en", "zh"
bool parseLang(const std::string& code, Lang& out);
/// The language of the system: the first set of LC_ALL, LC_MESSAGES and LANG (POSIX precedence); Chinese when it
/// starts with "zh" (zh_CN.UTF-8, zh_TW…), English otherwise. Used on a first start, when nothing was saved.
Lang systemLanguage();

struct TextEntry {
  const char* key;
  const char* en;
  const char* zh;
};

class Translator {
 public:
  Translator();  // holds the shell's own strings and every registered lesson's
  void add(const TextEntry* entries, size_t count);
  /// The text in `lang`; a missing key shows as the key itself (and is caught by the UI test).
  const char* get(const char* key, Lang lang) const;
  bool has(std::string_view key) const { return m_map.count(key) != 0; }
  /// Every string of one language, for building glyph ranges.
  std::string allText(Lang lang) const;
  const std::vector<std::string>& missingKeys() const { return m_missing; }

 private:
  std::unordered_map<std::string_view, const TextEntry*> m_map;
  mutable std::vector<std::string> m_missing;
};

}  // namespace nr::app
