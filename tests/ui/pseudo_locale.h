#pragma once
// The pseudo-locale: every English text made about 40 % longer, its letters accented ("Step" → "Šţéþ ẋ"), so a
// layout that only fits English, or a text that is not in the catalogs, shows before a real translation does.
// The accents are ones DejaVu Sans draws inside the letter's own box (ḣ, ṙ, ị, ḷ rather than ĥ, ŕ, í, ĺ, whose marks
// ink a pixel or two past it, and ƒ, Ɓ, whose hooks reach left): the check measures the length, not a font's
// overhang, which ImGui's wrapping (by advance widths) does not see.
// What the code reads is kept: printf conversions (%d, %.2f), line breaks and step numbers ("2. "), and in LaTeX
// words only the \text{…} content changes. tools/i18n/texts.py pseudo writes the same catalog for a look by eye.

#include <cctype>
#include <cmath>
#include <nlohmann/json.hpp>
#include <string>

#include "kit/text_catalog.h"

namespace nr::test {

namespace pseudo {

/// The accented form of an ASCII letter (UTF-8), or the character itself.
inline std::string accent(char c) {
  static const char* lower[26] = {"á", "ḃ", "ç", "đ", "é", "ḟ", "ĝ", "ḣ", "ị", "ĵ", "ķ", "ḷ", "ɱ",
                                  "ñ", "ó", "þ", "ǫ", "ṙ", "š", "ţ", "ú", "ṽ", "ŵ", "ẋ", "ý", "ž"};
  static const char* upper[26] = {"Á", "Ḃ", "Ç", "Đ", "É", "Ḟ", "Ĝ", "Ḣ", "Ị", "Ĵ", "Ķ", "Ḷ", "Ṁ",
                                  "Ñ", "Ó", "Þ", "Ǫ", "Ṙ", "Š", "Ţ", "Ú", "Ṽ", "Ŵ", "Ẋ", "Ý", "Ž"};
  if (c >= 'a' && c <= 'z') return lower[c - 'a'];
  if (c >= 'A' && c <= 'Z') return upper[c - 'A'];
  return std::string(1, c);
}

/// Padding of `n` characters: words of up to four after a space, so that a wrapping text can still break.
inline std::string padding(int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += (i % 5 == 0 && n > 1) ? " " : "ẋ";
  return s;
}

inline int codePoints(const std::string& s) {
  int n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

/// One line: letters accented outside printf conversions (and, with `texOnly`, outside \text{…} not at all).
inline std::string line(const std::string& in, bool texOnly) {
  std::string out;
  int braceDepth = 0;
  bool inText = false;
  std::size_t lastTextClose = std::string::npos;
  for (std::size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    if (c == '%') {  // a conversion is copied whole
      std::size_t j = i + 1;
      while (j < in.size() && std::string("-+#0'.0123456789*hlLzjt").find(in[j]) != std::string::npos) ++j;
      out += in.substr(i, j - i + 1);
      i = j;
      continue;
    }
    if (c == '\\') {  // a LaTeX command is copied whole
      std::size_t j = i + 1;
      while (j < in.size() && std::isalpha(static_cast<unsigned char>(in[j]))) ++j;
      if (j == i + 1 && j < in.size()) ++j;  // \| \, \{ …
      const std::string cmd = in.substr(i, j - i);
      out += cmd;
      if (cmd == "\\text" && j < in.size() && in[j] == '{') {
        out += '{';
        inText = true;
        braceDepth = 1;
        ++j;
      }
      i = j - 1;
      continue;
    }
    if (inText && c == '{') ++braceDepth;
    if (inText && c == '}' && --braceDepth == 0) {
      inText = false;
      lastTextClose = out.size();
    }
    out += (!texOnly || inText) ? accent(c) : std::string(1, c);
  }
  const int extra = static_cast<int>(std::ceil(0.4 * codePoints(in)));
  if (texOnly && lastTextClose != std::string::npos) return out.insert(lastTextClose, padding(extra));
  return out + padding(extra);
}

}  // namespace pseudo

inline std::string pseudoLocalize(const std::string& english) {
  const bool texOnly = english.find("\\text{") != std::string::npos;
  std::string out;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = english.find('\n', start);
    out += pseudo::line(english.substr(start, end == std::string::npos ? std::string::npos : end - start), texOnly);
    if (end == std::string::npos) break;
    out += '\n';
    start = end + 1;
  }
  return out;
}

/// The pseudo-locale of an English catalog, as a catalog file's JSON.
inline std::string pseudoCatalogJson(const app::TextCatalog& english, const std::string& code = "xx") {
  nlohmann::json j;
  j["code"] = code;
  j["language"] = pseudoLocalize("Pseudo-locale") + " (" + code + ")";
  j["strings"] = nlohmann::json::object();
  for (const auto& [key, text] : english.strings) j["strings"][key] = pseudoLocalize(text);
  return j.dump(1);
}

}  // namespace nr::test
