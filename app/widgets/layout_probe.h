#pragma once
// What the widgets report while they lay out a frame, for the layout check (nrlab --check-layout): the panels of
// a canvas with their minimum sizes and whether they were shown or put behind a tab, and every plot legend with the
// data points it covers. The widgets write here only when a probe is given (the check, tests); plain data. While the
// check runs, ImGuiIO::UserData points at it, so code far from the lesson context (line wrapping) can report too.

#include <imgui.h>

#include <string>
#include <vector>

namespace nr::app {

struct LayoutProbe {
  struct Panel {
    std::string id;
    ImVec2 min, max;            ///< where it was drawn (screen pixels); empty when behind a tab
    float minW = 0, minH = 0;   ///< its declared minimum, pixels
    bool shown = false;         ///< drawn this frame
    bool tabbed = false;        ///< shares a place behind a tab strip
  };
  struct Legend {
    std::string plot;  ///< the plot's title (or id)
    ImVec2 min, max;   ///< the legend box
    int pointsUnder = 0;
  };
  struct Shortened {
    std::string text;  ///< a text cut with an ellipsis, whose full form is offered on hover
  };
  /// A slider as drawn, so a test can type into it (Ctrl+click on `min..max`) and read `value` back.
  struct Slider {
    enum class Kind { Float, Double, Int };
    std::string label;
    ImVec2 min, max;   ///< the slider's frame (screen pixels)
    Kind kind = Kind::Float;
    void* value = nullptr;  ///< the lesson's member it edits
    double lo = 0, hi = 1;
    bool log = false;
    bool allowZero = false;          ///< a log slider whose leftmost position means 0
    double factor = 1.0;             ///< typed and shown as value × factor (degrees of radians, percent of a fraction)
    std::vector<int> allowed;        ///< only these values (choiceSlider)
    bool disabled = false;
  };
  struct PlotArea {
    std::string plot;  ///< the plot's title (or id)
    ImVec2 min, max;   ///< its data area (screen pixels)
    float font = 0;    ///< the font size it was drawn with, pixels
    bool bare = false; ///< no tick numbers (a small weight plane): three lines each way are enough
  };
  std::vector<Panel> panels;
  std::vector<PlotArea> plotAreas;
  std::vector<Slider> sliders;
  std::vector<Legend> legends;
  std::vector<Shortened> shortened;
  /// Panels declared but neither shown nor reachable through a tab (must stay empty).
  std::vector<std::string> dropped;
  /// Words cut in two by wrapping because a line was narrower than the word ("Depen|ds").
  std::vector<std::string> brokenWords;

  void clear() {
    panels.clear();
    sliders.clear();
    legends.clear();
    plotAreas.clear();
    shortened.clear();
    dropped.clear();
    brokenWords.clear();
  }
};

}  // namespace nr::app
