#pragma once
// Fonts: DejaVu Sans for Latin, Greek and math symbols, merged with Noto Sans CJK SC for Chinese. Both are found
// through fontconfig. The CJK font is a .ttc whose Simplified Chinese face is not face 0 (face 0 is Japanese and
// draws some characters in Japanese forms), so its face index is passed on. Font files are read once and the
// atlas is rebuilt from memory at every UI scale change, so text stays crisp instead of being stretched.

#include <imgui.h>

#include <string>

#include "kit/i18n.h"

namespace nr::app {

/// The body text size in pixels at UI scale 1: readable at 1600x900 from the back of a room.
constexpr float kBaseFontPx = 18.0f;

struct FontSet {
  ImFont* body = nullptr;
  ImFont* heading = nullptr;  ///< larger, for lesson titles
  bool hasCjk = false;
};

/// The font files a platform found (platform/font_files.h finds them: fontconfig, or the web edition's subsets).
struct FontFiles {
  std::string latin;   ///< DejaVu Sans (Latin, Greek, math symbols), empty when not found
  std::string cjk;     ///< Noto Sans CJK SC, empty when not found
  int cjkIndex = 0;    ///< its face in a collection (.ttc): the Simplified Chinese one
  std::string error;   ///< why the lookup could not run at all (empty otherwise)
};

class FontLibrary {
 public:
  /// Reads the font files (once). Never fails: missing fonts fall back to ImGui's built-in font (Latin only), and
  /// message() says what is missing and how to install it.
  void locate(const FontFiles& files);
  bool hasCjk() const { return !m_cjkData.empty(); }
  const std::string& message() const { return m_message; }

  /// Clears `atlas` and fills it for `pixelSize` with the characters of every string in `tr`. Checks the atlas
  /// height against `maxTextureSize` and drops to fewer glyphs rather than producing a black screen.
  /// The heading font (1.35× larger) holds only the characters of `headingText` (the lesson headings), which
  /// keeps the atlas small and its build fast.
  FontSet build(ImFontAtlas* atlas, float pixelSize, const Translator& tr, const std::string& headingText = {},
                int maxTextureSize = 16384) const;

 private:
  std::string m_latinData, m_cjkData;
  int m_cjkIndex = 0;
  std::string m_message;
  bool m_located = false;
};

}  // namespace nr::app
