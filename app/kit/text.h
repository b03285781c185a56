#pragma once
// Wrapped text that also breaks Chinese. ImGui 1.86 breaks lines only at spaces, so a Chinese paragraph (no
// spaces) wraps at the few spaces around Latin words and leaves ragged lines. Here a line may also break
// between two CJK characters, but never before closing punctuation such as ，。）.

#include <imgui.h>

namespace nr::app {

/// Draws `text` wrapped to `width` pixels (<= 0: the available width), respecting '\n'.
void wrappedText(const char* text, float width = 0.0f);
/// printf-style text, wrapped to the available width (formula lines: never cut at a panel's edge).
void formulaText(const char* format, ...) IM_FMTARGS(1);
/// printf-style text in the disabled (grey) colour, wrapped.
void disabledText(const char* format, ...) IM_FMTARGS(1);
/// The same in disabled (grey) colour.
void wrappedTextDisabled(const char* text, float width = 0.0f);
/// One line of text that never draws past `width` pixels: cut with an ellipsis (the full text as a tooltip).
void clippedText(const char* text, float width);
/// A tooltip with wrapped text, shown when the last item is hovered.
void itemTooltip(const char* text);
/// The same tooltip for something that is not the last item (a plot's area): shown when `hovered` and not `held`.
void hoverTooltip(bool hovered, bool held, const char* text);

}  // namespace nr::app
