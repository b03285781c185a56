#include "shell/share_link.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "nr/file_io.h"
#include "shell/scene.h"

namespace nr::app {

namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

int sextet(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-' || c == '+') return 62;  // '+' and '/': standard base64, accepted too
  if (c == '_' || c == '/') return 63;
  return -1;
}

std::string percentDecode(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      unsigned v = 0;
      if (std::sscanf(s.substr(i + 1, 2).c_str(), "%2x", &v) == 1) {
        out += static_cast<char>(v);
        i += 2;
        continue;
      }
    }
    out += s[i];  // a fragment is not form data: a plus sign stays one
  }
  return out;
}

/// A short, printable form of a value for a message.
std::string shown(const std::string& v) { return core::shortText(v, 24); }

}  // namespace

std::string base64UrlEncode(const std::string& bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned v = (unsigned char)bytes[i] << 16 | (unsigned char)bytes[i + 1] << 8 | (unsigned char)bytes[i + 2];
    out += kAlphabet[v >> 18 & 63];
    out += kAlphabet[v >> 12 & 63];
    out += kAlphabet[v >> 6 & 63];
    out += kAlphabet[v & 63];
  }
  if (i + 1 == bytes.size()) {
    const unsigned v = (unsigned char)bytes[i] << 16;
    out += kAlphabet[v >> 18 & 63];
    out += kAlphabet[v >> 12 & 63];
  } else if (i + 2 == bytes.size()) {
    const unsigned v = (unsigned char)bytes[i] << 16 | (unsigned char)bytes[i + 1] << 8;
    out += kAlphabet[v >> 18 & 63];
    out += kAlphabet[v >> 12 & 63];
    out += kAlphabet[v >> 6 & 63];
  }
  return out;
}

std::optional<std::string> base64UrlDecode(const std::string& text) {
  std::string t = text;
  while (!t.empty() && t.back() == '=') t.pop_back();
  if (t.size() % 4 == 1) return std::nullopt;  // never produced by an encoder
  std::string out;
  unsigned acc = 0;
  int bits = 0;
  for (char c : t) {
    const int s = sextet(c);
    if (s < 0) return std::nullopt;
    acc = (acc << 6 | unsigned(s)) & 0xFFFFFF;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>(acc >> bits & 0xFF);
    }
  }
  return out;
}

std::string encodeShareLink(const ShareLink& link) {
  std::string s = "#lesson=" + link.lesson;
  if (link.params.is_object() && !link.params.empty()) s += "&p=" + base64UrlEncode(link.params.dump());
  if (link.lang) s += "&lang=" + *link.lang;  // a catalog code: letters, digits, '-' and '_' only
  if (link.scale) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", static_cast<double>(*link.scale));
    s += std::string("&scale=") + buf;
  }
  if (link.theme) s += std::string("&theme=") + themeCode(*link.theme);
  return s;
}

ShareLinkParse parseShareLink(const std::string& urlOrFragment) {
  ShareLinkParse r;
  std::string f = urlOrFragment;
  if (const std::size_t hash = f.find('#'); hash != std::string::npos) f = f.substr(hash + 1);
  while (!f.empty() && (f.back() == '\n' || f.back() == '\r' || f.back() == ' ')) f.pop_back();
  bool haveLesson = false;
  std::size_t start = 0;
  while (start <= f.size()) {
    std::size_t end = f.find('&', start);
    if (end == std::string::npos) end = f.size();
    const std::string pair = f.substr(start, end - start);
    start = end + 1;
    if (pair.empty()) continue;
    const std::size_t eq = pair.find('=');
    const std::string key = percentDecode(pair.substr(0, eq));
    const std::string value = eq == std::string::npos ? std::string() : percentDecode(pair.substr(eq + 1));
    if (key == "lesson") {
      r.link.lesson = value;
      haveLesson = !value.empty();
    } else if (key == "p") {
      const std::optional<std::string> json = base64UrlDecode(value);
      const bool sane = json && json->size() <= kMaxSceneBytes && jsonNestingDepth(*json, kMaxSceneDepth) <= kMaxSceneDepth;
      nlohmann::json j = sane ? nlohmann::json::parse(*json, nullptr, false) : nlohmann::json();
      if (!sane || j.is_discarded() || !j.is_object())
        r.ignored.push_back("p (not a parameter list written by NR Lab)");
      else
        r.link.params = std::move(j);
    } else if (key == "lang") {
      const Translator tr;
      if (tr.hasLanguage(value))
        r.link.lang = value;
      else
        r.ignored.push_back("lang=" + shown(value) + " (" + tr.languageList() + ")");
    } else if (key == "scale") {
      char* rest = nullptr;
      const double v = std::strtod(value.c_str(), &rest);
      if (!value.empty() && rest && *rest == '\0' && std::isfinite(v) && v >= 1.0 && v <= 3.0)
        r.link.scale = static_cast<float>(v);
      else
        r.ignored.push_back("scale=" + shown(value) + " (a number from 1 to 3)");
    } else if (key == "theme") {
      Theme t;
      if (parseTheme(value.c_str(), t))
        r.link.theme = t;
      else
        r.ignored.push_back("theme=" + shown(value) + " (light, dark or high-contrast)");
    } else {
      r.ignored.push_back(shown(key) + " (not a field of NR Lab links)");
    }
    if (end == f.size()) break;
  }
  if (!haveLesson) {
    r.error = "the link names no lesson (it should contain #lesson=<id>)";
    return r;
  }
  r.ok = true;
  return r;
}

}  // namespace nr::app
