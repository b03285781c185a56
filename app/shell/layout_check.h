#pragma once
// The layout check (nrlab --check-layout): every lesson laid out at a window size, UI scale, language and mode,
// in an ImGui frame without a renderer, and its draw lists inspected for what a projector must never show:
//  - "clipped": text cut by its panel or window (a glyph cut at an edge, or drawn past a clip rectangle); text
//    that scrolls out of a scrolling panel vertically is not a violation, text cut sideways always is;
//  - "overlap": two runs of text drawn over each other;
//  - "small-panel": a canvas panel smaller than the minimum it declared;
//  - "legend-over-data": a plot legend covering data points;
//  - "squashed-plot": a plot whose data area is under three lines tall or five ems wide (its title, legend and
//    axes took the panel);
//  - "dropped": a canvas panel neither shown nor reachable through a tab;
//  - "broken-word": a word cut in two by wrapping, its line narrower than the word.
// Text is read back from the glyph quads themselves (every glyph quad carries its glyph's atlas rectangle), so it
// sees widgets, plot labels and hand-drawn text alike.

#include <imgui.h>

#include <string>
#include <vector>

#include "kit/fonts.h"
#include "kit/i18n.h"

namespace nr::app {

struct LayoutViolation {
  std::string kind;    ///< clipped, overlap, small-panel, legend-over-data, squashed-plot, dropped, broken-word
  std::string text;    ///< the text concerned (or the panel / plot)
  std::string where;   ///< the window (ImGui name) it was drawn in
};

/// A run of text read back from a frame's draw data.
struct TextRun {
  std::string text;  ///< UTF-8
  ImVec2 min, max;   ///< ink box, screen pixels
  ImVec2 visMin, visMax;  ///< the part of it inside the clip rectangles (what shows)
  std::string window;
  bool clipped = false;  ///< some glyph is cut by the clip rectangle (or a fine CPU clip)
  bool clippedSideways = false;
};

/// Reads every run of text in `dd` (glyph quads of `atlas`), with whether each is cut by its clip rectangle.
std::vector<TextRun> readTextRuns(const ImDrawData* dd, const ImFontAtlas* atlas);

struct LayoutProbe;

/// The violations in one rendered frame (its draw data, the font atlas it used, and what the widgets recorded).
void inspectFrame(const ImDrawData* dd, const ImFontAtlas* atlas, const LayoutProbe& probe,
                  std::vector<LayoutViolation>& out);

struct LayoutCheckOptions {
  int width = 1600, height = 900;
  float scale = 1.0f;
  bool presenter = false;
  Lang lang = kEnglish;
  std::string lesson;  ///< empty: every lesson
  bool quiet = false;  ///< print nothing (tests read the result)
  FontFiles fonts;     ///< the platform's fonts (platform/font_files.h); empty: ImGui's built-in font
};

struct LessonLayoutResult {
  std::string lesson;
  std::vector<LayoutViolation> violations;
};

/// Lays out each lesson (3 frames, the last inspected) and returns its violations. Needs no display.
std::vector<LessonLayoutResult> checkLayout(const LayoutCheckOptions& options);

/// The command: prints one JSON line per lesson; returns 1 if any lesson has a violation, 0 otherwise (2 when the
/// options are impossible).
int runLayoutCheck(const LayoutCheckOptions& options);

}  // namespace nr::app
