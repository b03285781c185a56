#pragma once
// Line breaking for wrapped text, shared by the plot widget and the UI's wrapped text. ImGui 1.86 breaks lines only
// at spaces, so a Chinese paragraph (no spaces) wraps at the few spaces around Latin words and leaves ragged lines.
// Here a line may also break between two CJK characters, but never before closing punctuation such as ，。）, and
// never after opening punctuation. A word longer than a whole line is broken where it overflows (nothing else fits).

#include <imgui.h>

#include <string>
#include <vector>

namespace nr::app {

struct TextLine {
  const char* begin;
  const char* end;
};

/// Breaks [text, end) into lines at most `width` pixels wide in `font` at `size` pixels, respecting '\n'. Spaces at a
/// break are dropped. An empty text gives no line.
void wrapTextLines(const ImFont* font, float size, const char* text, const char* end, float width,
                   std::vector<TextLine>& out);

/// One line of text from `pos`, cut with an ellipsis at `maxX` if it is longer (never cut vertically: descenders
/// and tall glyphs stay whole). In the current style's text colour.
void drawEllipsized(ImDrawList* dl, ImVec2 pos, float maxX, const char* text, const char* end = nullptr);
/// The same cut as a string: `text` itself when it fits in `maxW` pixels, else its longest start that fits with "…".
std::string ellipsized(const char* text, float maxW);

/// The widest single word of the text (the width below which wrapping must cut inside a word), in pixels.
float widestWord(const ImFont* font, float size, const char* text, const char* end);

}  // namespace nr::app
