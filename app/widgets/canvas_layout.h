#pragma once
// The layout kit for lesson canvases. A lesson declares its panels (a plot, a picture, a table, a text block), each
// with a minimum size in font units, a preferred shape and a priority, and the kit arranges them in a grid that
// reflows with the canvas: rows or columns, whichever gives every panel the most usable area. When the canvas is
// too small for all of them, the lowest-priority panels share the last place behind a small tab strip — a panel
// never vanishes and is never drawn below its minimum. No lesson computes pixel layouts by hand.
//
//   m_layout.begin(ctx);
//   m_layout.add({"##loss", ctx.tr("weight-decay.tab.loss"), 20, 11, 1.5f}, [&](ImVec2 size) { drawLoss(ctx, size); });
//   m_layout.add({"##norm", ctx.tr("weight-decay.tab.norm"), 20, 11, 1.5f}, [&](ImVec2 size) { drawNorm(ctx, size); });
//   m_layout.end();  // arranges, then draws every visible panel in its own child window of exactly `size`
//
// The arrangement itself (arrangePanels) is pure and needs no ImGui context, so it is tested directly.

#include <imgui.h>

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "widgets/plot.h"

namespace nr::app {

struct LayoutProbe;

/// One panel of a canvas.
struct PanelSpec {
  const char* id = "##panel";  ///< ImGui id of the panel's child window, unique within the lesson
  const char* tab = "";        ///< short name on the tab strip when panels share a place (translated)
  float minW = 16.0f;          ///< minimum width in ems (the current font size): below this it is not drawn
  float minH = 10.0f;          ///< minimum height in ems
  float aspect = 0.0f;         ///< preferred width / height of the content (1: a square picture); 0: any shape
  float weight = 1.0f;         ///< how much the panel's area counts when shapes are compared (a main picture: 2)
  int priority = 0;            ///< lower is more important; the highest numbers go behind tabs first
  bool scroll = false;         ///< a text or table panel whose content may be taller: it scrolls vertically
};

/// A plot panel: the smallest size at which a plot with a title, a legend row, axis labels and ticks keeps a
/// readable data area (checked by the layout check at every size and scale).
inline PanelSpec plotPanel(const char* id, const char* tab, int priority, float aspect = 1.5f, float weight = 1.0f) {
  return PanelSpec{id, tab, 14.0f, 9.5f, aspect, weight, priority};
}

/// A square picture (a decision boundary, a weight plane) with a title line above it.
inline PanelSpec picturePanel(const char* id, const char* tab, int priority, float weight = 1.0f) {
  return PanelSpec{id, tab, 8.5f, 9.5f, 1.0f, weight, priority};
}

/// In a panel of `size`: draws `title` centred and wrapped on top, leaves the cursor where a square picture below
/// it starts (centred across), and returns the picture's side: as large as fits.
float pictureWithTitle(const char* title, ImVec2 size);

// [SECTION] Arrangement (pure)

struct LayoutRect {
  float x = 0, y = 0, w = 0, h = 0;
};

/// A panel as the arrangement sees it: sizes in pixels.
struct PanelBox {
  float minW = 0, minH = 0;
  float aspect = 0;
  float weight = 1;
  int priority = 0;
  /// The height the content needs at a width (a plot whose title and legend wrap onto more lines when narrower);
  /// empty: minH at every width. The panel gets at least max(minH, minHAt(width)).
  std::function<float(float width)> minHAt;
};

struct Arrangement {
  /// Places, in drawing order; each holds one panel, or (the last, when space ran out) several behind tabs.
  std::vector<LayoutRect> places;
  std::vector<std::vector<int>> members;  ///< panel indices of each place (more than one: a tab group)
  std::vector<int> placeOf;               ///< place index of each panel
  bool columns = false;                   ///< lines are columns (else rows)
  /// Even one panel at a time does not fit: places have their minimum size and the canvas scrolls.
  bool overflow = false;
  float contentW = 0, contentH = 0;  ///< the size the places cover (larger than the canvas only on overflow)
};

/// Height of the tab strip above a tab group of `members` in a place `width` pixels wide.
using TabStripHeight = std::function<float(const std::vector<int>& members, float width)>;

/// Arranges `panels` in a W × H canvas with `gap` pixels between places. Prefers every panel in its own place;
/// otherwise as many of the most important panels as fit, the rest sharing the last place behind a tab strip of
/// `stripHeight(...)` pixels. Positions and sizes are whole pixels.
Arrangement arrangePanels(const std::vector<PanelBox>& panels, float W, float H, float gap,
                          const TabStripHeight& stripHeight);

// [SECTION] The ImGui driver

class CanvasLayout {
 public:
  using Draw = std::function<void(ImVec2 size)>;

  /// Starts a canvas in the current window's remaining content region. `probe` (may be null) records panels for
  /// the layout check.
  void begin(float scale, LayoutProbe* probe = nullptr);
  /// Declares a panel and how to draw it; `draw` is called from end() with the panel's size, inside a child window
  /// of that size (the cursor at its top-left, its own clip rectangle), only when the panel is visible.
  void add(const PanelSpec& spec, Draw draw);
  /// The same, for content whose height depends on its width (a legend that flows onto more rows when narrower):
  /// `heightAt(width)` in pixels; the panel gets at least that much.
  using HeightAt = std::function<float(float width)>;
  void add(const PanelSpec& spec, Draw draw, HeightAt heightAt);
  /// Arranges and draws. The tab strips are drawn first, so a click on a tab shows its panel in the same frame.
  void end();

  /// Which panel of a tab group is shown (its id): the one picked last (kept across frames and window sizes),
  /// else the group's most important one.
  std::string selectedTab(int place) const;
  /// The arrangement of the last end() (for tests).
  const Arrangement& arrangement() const { return m_arr; }

 private:
  struct Entry;
  void arrange(ImVec2 avail, float gap);                   // sizes the panels and fills m_arr
  void drawPlace(std::size_t place, ImVec2 base);          // its tab strip (a group) and its shown panel
  void drawPanel(const Entry& e, ImVec2 p0, ImVec2 size);  // one panel in its child window
  void drawTabStrip(int place, const LayoutRect& r, ImVec2 origin);
  float tabStripHeight(const std::vector<int>& members, float width) const;
  bool tabsFit(const std::vector<int>& members, float width) const;
  void pick(const char* id);

  struct Entry {
    PanelSpec spec;
    Draw draw;
    HeightAt heightAt;
  };
  std::vector<Entry> m_entries;
  std::vector<PanelBox> m_boxes;
  Arrangement m_arr;
  std::vector<std::string> m_selected;  ///< per place: the id of the panel shown in a tab group
  /// Per panel id: what the one plot it drew last time needs around its data, and the room its other content took
  /// (so its least height at another width is known before it is drawn again).
  struct Need {
    PlotNeedSink sink;
    ImVec2 extra;
    bool valid = false;
  };
  std::map<std::string, Need> m_needs;
  float m_scale = 1.0f;
  LayoutProbe* m_probe = nullptr;
};

}  // namespace nr::app
