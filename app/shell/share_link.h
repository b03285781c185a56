#pragma once
// Share links: a scene in a URL fragment, the same on the web edition's address bar and on the desktop
// (nrlab --link). The fragment is a list of key=value pairs:
//
//   #lesson=penalty-geometry&p=eyJsYW1iZGEiOjAuNH0&lang=zh&scale=2&theme=dark
//
//   lesson  the lesson id (required; alone it opens the lesson with its defaults)
//   p       the lesson's parameters: the scene's "params" JSON, minified, in base64url without padding
//   lang    a language code: en, zh, or any catalog's (kit/text_catalog.h);   scale  1 to 3 (the UI scale);
//   theme   light | dark | high-contrast   (all optional)
//
// Values are percent-decoded. Pure text handling: no ImGui, no platform.

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "kit/i18n.h"
#include "kit/theme.h"

namespace nr::app {

struct ShareLink {
  std::string lesson;
  nlohmann::json params = nlohmann::json::object();  ///< empty object: the lesson's defaults
  std::optional<Lang> lang;
  std::optional<float> scale;
  std::optional<Theme> theme;
};

/// The fragment for `link`, starting with '#'.
std::string encodeShareLink(const ShareLink& link);

struct ShareLinkParse {
  bool ok = false;               ///< a lesson id was found (whether it exists is the caller's to check)
  std::string error;             ///< why not (empty when ok)
  std::vector<std::string> ignored;  ///< fields that could not be used, each as "name (reason)"
  ShareLink link;
};

/// Reads a link: a whole URL (the part after '#'), a fragment with or without its '#', or "nrlab://...#...".
ShareLinkParse parseShareLink(const std::string& urlOrFragment);

/// base64url (RFC 4648 §5) without padding, and back; decoding accepts padding and rejects anything else.
std::string base64UrlEncode(const std::string& bytes);
std::optional<std::string> base64UrlDecode(const std::string& text);

}  // namespace nr::app
