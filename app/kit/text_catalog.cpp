#include "kit/text_catalog.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <nlohmann/json.hpp>

#include "nr/file_io.h"

namespace nr::app {

namespace {

/// The largest catalog file read from NR_TEXT_DIR (the Chinese one is under 200 kB).
constexpr std::size_t kMaxCatalogBytes = 8u << 20;

/// The code points of a UTF-8 text (a malformed byte counts as itself).
std::vector<std::uint32_t> codePoints(std::string_view s) {
  std::vector<std::uint32_t> out;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const int n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
    std::uint32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
    for (int k = 1; k < n && i + std::size_t(k) < s.size(); ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(cp);
    i += std::size_t(n);
  }
  return out;
}

bool isCjk(std::uint32_t cp) {
  return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF);  // CJK, kana, Hangul
}

TextCatalog* findMutable(std::vector<TextCatalog>& v, std::string_view code) {
  for (TextCatalog& c : v)
    if (c.code == code) return &c;
  return nullptr;
}

/// Lays `extra` (read from `file`) over `base`: a text whose printf conversions differ from the built-in English
/// one, or whose key NR Lab does not use, is left out and named in `problems`.
void layOver(TextCatalog& base, const TextCatalog& extra, const TextCatalog& english, const std::string& file,
             std::vector<std::string>& problems) {
  if (!extra.language.empty()) base.language = extra.language;
  std::vector<std::string> unknown;
  for (const auto& [key, text] : extra.strings) {
    auto en = english.strings.find(key);
    if (en == english.strings.end()) {
      unknown.push_back(key);
      continue;
    }
    const std::vector<std::string> want = printfSpecs(en->second);
    if (printfSpecs(text) != want) {
      std::string list;
      for (const std::string& s : want) list += (list.empty() ? "" : " ") + s;
      problems.push_back(file + ": '" + key + "' must keep the English text's % conversions, in order (" +
                         (list.empty() ? std::string("none") : list) + "); not used");
      continue;
    }
    base.strings[key] = text;
  }
  for (const auto& [key, hash] : extra.source) base.source[key] = hash;
  if (!unknown.empty())
    problems.push_back(file + ": " + std::to_string(unknown.size()) + (unknown.size() == 1 ? " key" : " keys") +
                       " NR Lab does not use, ignored (e.g. '" + unknown.front() + "')");
  base.origin = file;
}

}  // namespace

bool TextCatalog::usesCjkFont() const {
  for (std::uint32_t cp : codePoints(language))
    if (isCjk(cp)) return true;
  return false;
}

const TextCatalog* TextCatalogs::find(std::string_view code) const {
  for (const TextCatalog& c : languages)
    if (c.code == code) return &c;
  return nullptr;
}

bool validLanguageCode(std::string_view code) {
  if (code.size() < 2 || code.size() > 16) return false;
  std::size_t letters = 0;
  while (letters < code.size() && std::isalpha(static_cast<unsigned char>(code[letters]))) ++letters;
  if (letters < 2 || letters > 3) return false;
  for (std::size_t i = letters; i < code.size(); ++i) {
    const char c = code[i];
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
  }
  return letters == code.size() || code[letters] == '-' || code[letters] == '_';
}

std::string textHash(std::string_view english) {
  std::uint32_t h = 0x811C9DC5u;
  for (char c : english) h = (h ^ static_cast<unsigned char>(c)) * 0x01000193u;
  char buf[9];
  std::snprintf(buf, sizeof buf, "%08x", h);
  return buf;
}

std::vector<std::string> printfSpecs(std::string_view t) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i] != '%') continue;
    std::size_t j = i + 1;
    if (j < t.size() && t[j] == '%') {
      out.emplace_back("%%");
      i = j;
      continue;
    }
    // flags (no space: "40 % of" is a percent sign, not "% o"), width, precision, length, conversion
    while (j < t.size() && std::strchr("-+#0'", t[j]) && t[j] != '\0') ++j;
    while (j < t.size() && (std::isdigit(static_cast<unsigned char>(t[j])) || t[j] == '*')) ++j;
    if (j < t.size() && t[j] == '.') {
      ++j;
      while (j < t.size() && (std::isdigit(static_cast<unsigned char>(t[j])) || t[j] == '*')) ++j;
    }
    while (j < t.size() && std::strchr("hlLzjt", t[j]) && t[j] != '\0') ++j;
    if (j < t.size() && std::strchr("diouxXeEfFgGaAcsp", t[j]) && t[j] != '\0') {
      out.emplace_back(t.substr(i, j - i + 1));
      i = j;
    }
  }
  return out;
}

bool parseTextCatalog(const std::string& text, TextCatalog& out, std::string& error) {
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded()) {
    error = "not valid JSON";
    return false;
  }
  if (!j.is_object() || !j.contains("strings") || !j["strings"].is_object()) {
    error = "a catalog is {\"code\": \"xx\", \"language\": \"Name\", \"strings\": {\"key\": \"text\", ...}}";
    return false;
  }
  TextCatalog c;
  if (j.contains("code")) {
    if (!j["code"].is_string() || !validLanguageCode(j["code"].get<std::string>())) {
      error = "\"code\" must be a language code such as \"fr\" or \"pt-BR\"";
      return false;
    }
    c.code = j["code"].get<std::string>();
  }
  if (j.contains("language")) {
    if (!j["language"].is_string()) {
      error = "\"language\" must be the language's name, a string";
      return false;
    }
    c.language = j["language"].get<std::string>();
  }
  for (const char* part : {"strings", "source"}) {
    if (!j.contains(part)) continue;
    if (!j[part].is_object()) {
      error = std::string("\"") + part + "\" must be an object of strings";
      return false;
    }
    auto& dest = std::string(part) == "strings" ? c.strings : c.source;
    for (auto it = j[part].begin(); it != j[part].end(); ++it) {
      if (!it->is_string()) {
        error = std::string("\"") + part + "\": '" + core::shortText(it.key(), 60, true) + "' must be a string";
        return false;
      }
      dest.emplace(it.key(), it->get<std::string>());
    }
  }
  out = std::move(c);
  return true;
}

TextCatalogs loadTextCatalogs(const std::string& overrideDir) {
  TextCatalogs r;
  for (std::size_t i = 0; i < detail::kEmbeddedTextCount; ++i) {
    const detail::EmbeddedText& e = detail::kEmbeddedTexts[i];
    if (e.name.empty()) continue;
    TextCatalog c;
    std::string error;
    if (!parseTextCatalog(std::string(e.text), c, error)) {
      r.problems.push_back("built-in " + std::string(e.name) + ": " + error);
      continue;
    }
    if (c.code.empty()) c.code = std::string(e.name.substr(0, e.name.rfind('.')));
    c.origin = "built in";
    r.languages.push_back(std::move(c));
  }
  if (!findMutable(r.languages, "en")) r.languages.push_back({"en", "English", {}, {}, "built in"});
  const TextCatalog builtInEnglish = *findMutable(r.languages, "en");

  if (!overrideDir.empty()) {
    std::error_code ec;
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(overrideDir, ec))
      if (entry.path().extension() == ".json") files.push_back(entry.path());
    if (ec) r.problems.push_back("NR_TEXT_DIR=" + overrideDir + " cannot be read (" + ec.message() + ")");
    std::sort(files.begin(), files.end());
    for (const std::filesystem::path& path : files) {
      const std::string file = path.string();
      TextCatalog c;
      std::string error;
      try {
        if (!parseTextCatalog(core::readFile(file, kMaxCatalogBytes), c, error)) {
          r.problems.push_back(file + ": " + error + "; not used");
          continue;
        }
      } catch (const core::FileError& e) {
        r.problems.push_back(e.what());
        continue;
      }
      if (c.code.empty()) c.code = path.stem().string();
      if (!validLanguageCode(c.code)) {
        r.problems.push_back(file + ": give it a \"code\" such as \"fr\" (the file name is not a language code)");
        continue;
      }
      TextCatalog* base = findMutable(r.languages, c.code);
      if (!base) {
        r.languages.push_back({c.code, c.language.empty() ? c.code : c.language, {}, {}, file});
        base = &r.languages.back();
      }
      layOver(*base, c, builtInEnglish, file, r.problems);
    }
  }
  std::stable_sort(r.languages.begin(), r.languages.end(), [](const TextCatalog& a, const TextCatalog& b) {
    if ((a.code == "en") != (b.code == "en")) return a.code == "en";
    return a.code < b.code;
  });
  return r;
}

std::shared_ptr<const TextCatalogs> textCatalogs() {
  static std::mutex mutex;
  static std::string loadedFor;
  static std::shared_ptr<const TextCatalogs> loaded;
  const char* env = std::getenv("NR_TEXT_DIR");
  const std::string dir = env ? env : "";
  std::lock_guard<std::mutex> lock(mutex);
  if (!loaded || dir != loadedFor) {
    loaded = std::make_shared<const TextCatalogs>(loadTextCatalogs(dir));
    loadedFor = dir;
  }
  return loaded;
}

}  // namespace nr::app
