#pragma once
// The 2-D plot every lesson draws with: lines, scatter, bars, histograms, ±σ bands and marker lines on ImDrawList.
//
// ImPlot is not packaged in Debian, so this is our own, shaped like it: a Begin/series/End scope whose series
// *borrow* the caller's arrays until end(), but without ImPlot's global context — a lesson keeps one Plot per
// picture as a member and reuses it every frame, so the vectors inside are allocated once and only reused.
//
//   if (m_lossPlot.begin("##loss", ImVec2(-1, 0), m_lossConfig)) {
//     m_lossPlot.band("train", epochs.data(), lo.data(), hi.data(), n);
//     m_lossPlot.line("train", epochs.data(), mean.data(), n);
//     m_lossPlot.vline("best epoch", bestEpoch, {plotColor(1), 0, 0, -1, true});
//     m_lossPlot.end();
//   }
//
// Only ImGui is used (no GL, no GLFW). Colours of text, frame and grid come from the current ImGui style, so the
// light, dark and high-contrast themes all work; text size comes from the current font (the app rebuilds it at the
// UI scale) and PlotConfig::scale multiplies line widths, markers and paddings for projector mode.

#include <imgui.h>

#include <cstddef>
#include <limits>
#include <string>
#include <vector>

#include "widgets/text_wrap.h"

namespace nr::app {

struct LayoutProbe;

// [SECTION] Palette

/// Number of distinct colours in the plot palette before it repeats.
constexpr int kPlotColorCount = 8;

/// Colour i (wrapping, negative i allowed) of the plot palette, with the given opacity in [0, 1].
/// Okabe–Ito's colour-blind-safe set, reordered so the first colours have contrast on both white and near-black
/// backgrounds (blue, vermillion, bluish green, reddish purple, orange, sky blue); yellow comes late because it
/// vanishes on a white projector screen, and black is replaced by a mid grey that shows on both themes.
ImU32 plotColor(int i, float alpha = 1.0f);

/// One entry of a stand-alone legend (legendBlock): a picture drawn by hand whose legend needs a place of its own.
struct LegendItem {
  enum class Mark { Line, Dot, Box, Ring, Cross };
  const char* label = "";
  ImU32 color = 0;
  Mark mark = Mark::Line;
  bool dashed = false;
  ImU32 fill = 0;  ///< Ring: filled with this colour inside (a white dot ringed in black); 0: hollow
};

/// Draws the items at the cursor as swatch + name, flowing in rows within `width` (a name longer than the width is
/// shortened, whole on hover); `scale` is the UI scale (line widths). Advances the cursor; returns the height used.
float legendBlock(const LegendItem* items, int count, float width, float scale);
/// The height legendBlock() will use for the same items at `width` (a canvas panel's least height at a width).
float legendBlockHeight(const LegendItem* items, int count, float width, float scale);

// [SECTION] Pure helpers (no ImGui context needed; tested directly)

/// Ticks at multiples of a "nice" step (1, 2 or 5 × 10^k) inside [lo, hi], ascending, at most maxTicks of them
/// (maxTicks < 2 counts as 2). Picks the smallest such step, i.e. the densest labelling that fits. lo > hi is
/// swapped; lo == hi gives {lo}; a non-finite bound gives no ticks. Every tick is clamped into [lo, hi] so rounding
/// (3 × 0.1 = 0.30000000000000004) never puts one outside the range.
std::vector<double> niceTicks(double lo, double hi, int maxTicks);
/// Same, into `out` (cleared first) so a caller can reuse its buffer every frame.
void niceTicks(double lo, double hi, int maxTicks, std::vector<double>& out);

/// Powers of ten 10^k inside [lo, hi] (both > 0), ascending. maxTicks > 0 keeps only every s-th decade (k a multiple
/// of s, the smallest s that fits) so a 15-decade axis reads 1e-12, 1e-9, ... instead of a smear. lo <= 0, hi <= 0
/// or non-finite bounds give no ticks.
std::vector<double> logTicks(double lo, double hi, int maxTicks = 0);
void logTicks(double lo, double hi, int maxTicks, std::vector<double>& out);

/// Ticks for a log axis spanning less than about three decades, where decade labels alone leave it bare: m·10^k
/// inside [lo, hi] with m from {1..9}, else {1, 2, 5}, else {1, 3}, else {1}: the densest set with at most maxTicks.
std::vector<double> logMantissaTicks(double lo, double hi, int maxTicks);
void logMantissaTicks(double lo, double hi, int maxTicks, std::vector<double>& out);

/// Counts of `values[0..count)` in `bins` equal bins over [lo, hi]: bin b holds e_b <= v < e_(b+1) with the edges
/// e_b = lo + (hi − lo)·b/bins, except that the last bin is closed at hi itself: [e_(bins−1), hi]. Values outside [lo,
/// hi], NaN and ±Inf are not counted. bins <= 0 gives an empty vector; lo >= hi or non-finite bounds give `bins` zeros.
std::vector<int> histogramCounts(const float* values, int count, int bins, double lo, double hi);
std::vector<int> histogramCounts(const double* values, int count, int bins, double lo, double hi);

/// Tick label for `value` on a linear axis whose ticks are `step` apart and whose largest |tick| is `magnitude`.
/// Fixed-point with as many decimals as the step needs ("0.3", not "0.30000000000000004"); scientific with a short
/// exponent ("1.2e12", "5e-4") when magnitude >= 1e6 or < 1e-3. Writes at most `size` bytes; returns `buf`.
const char* formatTickLabel(double value, double step, double magnitude, char* buf, int size);
/// Label of the decade 10^k on a log axis: plain for 0.01 ... 1000, otherwise "1e-3", "1e4".
const char* formatDecadeLabel(int k, char* buf, int size);

/// Maps data coordinates to pixels of the plot area and back. Pixel y grows downwards, so yLo is at max.y.
/// On a log axis the mapping is linear in log10 of the value (values must be > 0 there).
struct PlotTransform {
  ImVec2 min = ImVec2(0, 0);  ///< top-left of the plot area, pixels (screen space)
  ImVec2 max = ImVec2(1, 1);  ///< bottom-right of the plot area, pixels
  double xLo = 0, xHi = 1;    ///< visible data range along x (xLo at min.x)
  double yLo = 0, yHi = 1;    ///< visible data range along y (yLo at max.y)
  bool logX = false, logY = false;

  double toPixelX(double x) const;
  double toPixelY(double y) const;
  ImVec2 toPixel(double x, double y) const { return ImVec2(float(toPixelX(x)), float(toPixelY(y))); }
  double toDataX(double px) const;
  double toDataY(double py) const;
};

// [SECTION] Borrowed data, styles, configuration

/// A borrowed array of float or double (the caller keeps it alive until Plot::end()), or an implicit sequence
/// start + i·step. A null pointer means the index sequence 0, 1, 2, ... (handy for "x = step number").
class PlotData {
 public:
  PlotData() = default;
  PlotData(std::nullptr_t) {}                                                      // NOLINT: implicit on purpose
  PlotData(const float* p) : m_kind(p ? Kind::Float : Kind::Index), m_ptr(p) {}    // NOLINT
  PlotData(const double* p) : m_kind(p ? Kind::Double : Kind::Index), m_ptr(p) {}  // NOLINT
  /// Every `stride`-th double from p: x and y of points stored as pairs (p = &pts[0].x(), stride 2).
  static PlotData strided(const double* p, int stride) {
    PlotData d;
    d.m_kind = p ? Kind::Strided : Kind::Index;
    d.m_ptr = p;
    d.m_stride = stride;
    return d;
  }
  /// x_i = start + i·step, without an array.
  static PlotData sequence(double start, double step = 1.0) {
    PlotData d;
    d.m_kind = Kind::Sequence;
    d.m_start = start;
    d.m_step = step;
    return d;
  }

  double operator[](int i) const {
    switch (m_kind) {
      case Kind::Float:
        return double(static_cast<const float*>(m_ptr)[i]);
      case Kind::Double:
        return static_cast<const double*>(m_ptr)[i];
      case Kind::Sequence:
        return m_start + m_step * i;
      case Kind::Strided:
        return static_cast<const double*>(m_ptr)[std::ptrdiff_t(i) * m_stride];
      case Kind::Index:
        break;
    }
    return double(i);
  }
  /// True when element i+1 >= element i is known without looking at the data.
  bool implicitAscending() const { return m_kind == Kind::Index || (m_kind == Kind::Sequence && m_step > 0); }

 private:
  enum class Kind { Index, Float, Double, Sequence, Strided };
  Kind m_kind = Kind::Index;
  const void* m_ptr = nullptr;
  int m_stride = 1;
  double m_start = 0.0;
  double m_step = 1.0;
};

/// How one series looks. Zero/negative fields mean "the default for this kind of series".
struct SeriesStyle {
  ImU32 color = 0;       ///< 0: the next palette colour, or the colour of an earlier series with the same label
  float weight = 0.0f;   ///< line width in pixels before PlotConfig::scale (default 2)
  float marker = 0.0f;   ///< marker radius in pixels before scale (default 3.5 for scatter; lines: see markers)
  float fillAlpha = -1;  ///< opacity of fills (bars 0.55, histogram 0.45, band 0.22)
  bool dashed = false;   ///< dashed stroke: reference values, thresholds, "ghost" runs kept for comparison
  bool markers = false;  ///< line(): also draw a dot at every point
  /// scatter(): the marker's shape — a filled dot, a ring (an estimate drawn over something), a cross (a true value)
  enum class Marker { Dot, Ring, Cross } shape = Marker::Dot;
};

/// Binning for Plot::histogram(). lo >= hi means "the finite data range".
struct HistogramBins {
  int count = 30;        ///< number of bins
  double lo = 0.0;       ///< left edge of the first bin
  double hi = 0.0;       ///< right edge of the last bin (values == hi count in the last bin)
  bool density = false;  ///< heights are counts / (in-range total · bin width), so histograms of different sizes
                         ///< compare (before/after normalization) and integrate to 1
};

/// One axis. A limit left as kAuto is fitted to the data with ~5% padding; each side can be fixed alone
/// (e.g. a loss axis with min = 0 and an automatic max).
struct PlotAxis {
  static constexpr double kAuto = std::numeric_limits<double>::quiet_NaN();
  const char* label = nullptr;   ///< x: centred under the axis; y: above the top-left corner (ImGui can't rotate text)
  double min = kAuto;            ///< fixed lower limit in data units, or kAuto
  double max = kAuto;            ///< fixed upper limit in data units, or kAuto
  bool log = false;              ///< log10 scale; non-positive values are skipped
  bool integer = false;          ///< whole-number ticks only (epochs, layers, counts)
  const char* format = nullptr;  ///< printf format for tick labels (gets a double), e.g. "%.0f%%"; nullptr = automatic
  /// x only: a categorical axis with a tick and a name at 0, 1, ..., categoryCount − 1 (bars of coefficients).
  /// Every name is shown: shortened with an ellipsis to its slot, in two staggered rows when slots are narrow, and
  /// in full in the hover readout.
  const char* const* categories = nullptr;
  int categoryCount = 0;
};

struct PlotConfig {
  PlotAxis x;
  PlotAxis y;
  /// Centred above the plot area, wrapped to the plot's width (at most three lines; a longer title is shortened
  /// with an ellipsis and shown whole on hover). nullptr = none.
  const char* title = nullptr;
  const char* emptyText = "No data yet";  ///< shown centred when nothing is drawable; pass the translated text
  /// A swatch and name per distinct visible label, in rows above the plot area (right-aligned, beside the y-axis
  /// label when one row fits there): outside the data, so it never covers a point and never moves with the data.
  bool legend = true;
  bool equalAspect = false;   ///< one data unit is as long on x as on y (linear axes only)
  /// Numbers at the ticks, with room kept for them; false: tick marks and grid only (a weight plane too small for
  /// its numbers), and the widget may be as small as 4 × 4.5 lines.
  bool tickLabels = true;
  bool hover = true;          ///< crosshair + tooltip with the cursor and the nearest point
  float autoPadding = 0.05f;  ///< fraction of the data span added on each automatic side
  float scale = 1.0f;         ///< projector scale: multiplies line widths, marker sizes, paddings
  bool highContrast = false;  ///< the high-contrast theme: solid frame, darker grid, wider lines
  LayoutProbe* probe = nullptr;  ///< the layout check: records the legend box and shortened texts
};

/// What the hover readout found: the nearest drawable point of any series to the mouse (in pixels).
struct PlotHit {
  int series = -1;              ///< index of the series in call order, -1 when nothing was hit
  int index = -1;               ///< index of the point (or bar/bin) inside that series
  double x = 0.0, y = 0.0;      ///< its data coordinates (bars/histograms: centre and height)
  const char* label = nullptr;  ///< the series label as passed (may start with "##")
};

// [SECTION] What a plot needs around its data

/// The texts around a plot's data as its last draw had them (copied: a series' label need not outlive the frame),
/// enough to tell how tall the plot must be at another width: its title wraps and its legend flows onto more lines
/// as it gets narrower.
struct PlotNeed {
  float font = 0.0f;            ///< the font size they were measured in, pixels
  float scale = 1.0f;           ///< PlotConfig::scale
  std::string title, xLabel;    ///< empty: none
  bool yLabel = false;          ///< a y-axis label takes a row above the data
  float yLabelW = 0.0f;
  std::vector<float> entryW;    ///< each legend entry: swatch, gap and name, pixels
  int categories = 0;           ///< a category x axis: its number of names
};

/// The smallest frame height at which a plot `frameW` pixels wide shows its title (up to three lines), every legend
/// name in full and its axis labels around a data area four and a half lines tall. `compact`: as the plot
/// squeezes itself when it must (a one-line title, the legend in as few rows as fit, names shortened), around a
/// data area of three lines. Needs an ImGui context with the font `need` was measured in.
float plotMinFrameHeight(const PlotNeed& need, float frameW, bool compact = false);

/// Where the plots drawn next report what they need (a canvas panel listens while it draws its content); nullptr:
/// nobody listens. Each report adds one to `reports` and copies the plot's need and frame size.
struct PlotNeedSink {
  PlotNeed need;
  ImVec2 frame;
  int reports = 0;
};
void setPlotNeedSink(PlotNeedSink* sink);

// [SECTION] Plot

/// A reusable plot. Call begin(); if it returns true add series and call end() (only then). Labels and arrays are
/// borrowed: they must stay alive until end() returns. Labels follow ImGui: "##id" is hidden from the legend, and
/// text after "##" is never shown. Series with the same label share one colour and one legend entry (a line and its
/// ±σ band).
class Plot {
 public:
  /// Lays out a plot of `size` pixels at the cursor (x <= 0: available width + x; y == 0: available height, or
  /// 0.62·width when less than 6 lines are left; y < 0: available height + y). The widget is at least 8 × 6 lines
  /// of the current font (minimumSize() for its title, legend and labels: give it that much). Returns false when
  /// it is scrolled out of view.
  bool begin(const char* id, const ImVec2& size, const PlotConfig& config);

  /// Polyline through (xs[i], ys[i]); NaN/Inf (and non-positive on a log axis) break the line. xs == nullptr
  /// means x = i. Dense monotonic series are reduced to min/max per pixel column before drawing.
  void line(const char* label, PlotData xs, PlotData ys, int count, const SeriesStyle& style = {});
  void line(const char* label, PlotData ys, int count, const SeriesStyle& style = {}) {
    line(label, nullptr, ys, count, style);
  }
  /// Filled dots at (xs[i], ys[i]).
  void scatter(const char* label, PlotData xs, PlotData ys, int count, const SeriesStyle& style = {});
  /// Vertical bars from 0 (or from the bottom of a log axis) to heights[i], centred on xs[i], `width` data units
  /// wide (<= 0: 0.8 of the smallest spacing of xs).
  void bars(const char* label, PlotData xs, PlotData heights, int count, double width = 0.0,
            const SeriesStyle& style = {});
  /// Bins `values` (NaN/Inf skipped) and draws the bins as touching bars.
  void histogram(const char* label, PlotData values, int count, const HistogramBins& bins = {},
                 const SeriesStyle& style = {});
  /// Filled area between yLo[i] and yHi[i] over xs[i], e.g. mean ± σ across runs.
  void band(const char* label, PlotData xs, PlotData yLo, PlotData yHi, int count, const SeriesStyle& style = {});
  /// A closed outline through (xs[i], ys[i]) back to the first point, filled when style.fillAlpha > 0 (convex
  /// shapes: a penalty's unit ball, a contour ellipse).
  void polygon(const char* label, PlotData xs, PlotData ys, int count, const SeriesStyle& style = {});
  /// An image (a texture, e.g. a field a shader rendered) stretched over [x0, x1] × [y0, y1] in data units, under
  /// the series added after it. The texture's first row is at y0 (the bottom), as OpenGL stores it. Counts for the
  /// automatic limits; not in the legend or the hover readout. A null texture (no renderer) draws nothing.
  void image(ImTextureID texture, double x0, double x1, double y0, double y1);
  /// A line across the whole plot at x (a threshold, the current λ, the best epoch).
  void vline(const char* label, double x, const SeriesStyle& style = {});
  /// A line across the whole plot at y (a reference value such as the population variance).
  void hline(const char* label, double y, const SeriesStyle& style = {});
  /// Text anchored at (x, y): pivot (0,0) puts the text's top-left corner there, (0.5,0.5) centres it. Not fitted,
  /// not in the legend; kept inside the plot area (wrapped when wider than it) and off the texts placed before it
  /// (moved, or left out when the area has no room). color 0 = the style's text colour.
  void text(double x, double y, const char* text, ImVec2 pivot = ImVec2(0.0f, 1.0f), ImU32 color = 0);

  /// Fits the limits, draws everything and the hover readout, and ends the scope opened by begin().
  void end();

  // Results of the last end(), valid until the next begin(): for lessons that click or drag in data units.
  const PlotTransform& transform() const { return m_tf; }
  bool hovered() const { return m_hovered; }    ///< the mouse is over the plot widget
  bool clicked() const { return m_clicked; }    ///< left click on the plot this frame
  bool held() const { return m_held; }          ///< left button held after pressing on the plot
  const PlotHit& hit() const { return m_hit; }  ///< nearest point under the hover readout
  /// The frame height at which a plot `width` pixels wide gets a square data area, from the room its title, ticks
  /// and labels took around the data last time, at most `maxHeight` (an equal-aspect plane in a tall panel: the
  /// text below it then follows the picture instead of the panel's bottom). maxHeight before the first end().
  float heightForSquare(float width, float maxHeight) const;

 private:
  enum class Kind { Line, Scatter, Bars, Histogram, Band, VLine, HLine, Text, Polygon, Image };
  struct Series {
    Kind kind = Kind::Line;
    const char* label = nullptr;
    PlotData x, y, y2;
    int count = 0;
    double a = 0.0, b = 0.0;  // vline/hline/text position; bars: width; histogram: bin width; image: x0, x1
    double c = 0.0, d = 0.0;  // image: y0, y1
    ImTextureID texture = nullptr;
    std::size_t store = 0;    // histogram: offset of its heights in m_store
    ImU32 color = 0;
    SeriesStyle style;
    ImVec2 pivot;
  };
  enum class LabelMode { Linear, Decade, PerValue };
  struct AxisTicks {
    std::vector<double> major, minor;
    double step = 1.0, magnitude = 1.0;
    LabelMode labels = LabelMode::Linear;
  };
  struct Colors {
    ImU32 text, textDim, frame, grid, gridMinor, crosshair;
  };

  Series& add(Kind kind, const char* label, const SeriesStyle& style);
  void fitLimits();
  void fitAxis(bool isX, double dataLo, double dataHi, bool floorAtZero);
  void layout();
  float layoutBelow();                                       // the room below the data area
  int layoutAbove(float bottom, float& top, float& height);  // the header; returns its compactness
  void placeLegend(float bottom, float& top, float& height, float& right);
  void layoutDataArea(float top, float height, float right);
  void layoutLegendColumn();
  void computeXTicks();
  void layoutHeader(int compact);
  void applyEqualAspect();
  void computeTicks(const PlotAxis& axis, double lo, double hi, int maxTicks, AxisTicks& out) const;
  const char* tickLabel(const PlotAxis& axis, const AxisTicks& ticks, double v, char* buf, int size) const;
  float widestLabel(const PlotAxis& axis, const AxisTicks& ticks) const;
  Colors themeColors() const;
  void drawAxes(ImDrawList* dl, const Colors& c);
  void drawSeries(ImDrawList* dl, const Series& s, const Colors& c);
  void drawScatter(ImDrawList* dl, const Series& s);
  void drawPolygon(ImDrawList* dl, const Series& s);
  void drawImage(ImDrawList* dl, const Series& s);
  void drawRule(ImDrawList* dl, const Series& s);  // a vline or an hline
  void drawText(ImDrawList* dl, const Series& s, const Colors& c);
  ImVec2 placeText(double x, double y, ImVec2 size, ImVec2 pivot) const;
  bool textRoomFree(ImVec2 p, ImVec2 size) const;
  void drawLine(ImDrawList* dl, const Series& s);
  void strokeRun(ImDrawList* dl, const Series& s);
  float lineWeight(const Series& s) const;
  void drawBars(ImDrawList* dl, const Series& s);
  void drawBand(ImDrawList* dl, const Series& s);
  bool isLegendEntry(std::size_t i) const;
  void drawSwatch(ImDrawList* dl, const Series& s, ImVec2 a, ImVec2 b) const;
  int pointsUnder(ImVec2 a, ImVec2 b) const;
  void drawLegend(ImDrawList* dl, const Colors& c);
  void drawTitle(ImDrawList* dl, const Colors& c);
  void drawCategoryLabels(ImDrawList* dl, const Colors& c);
  void findNearest(ImVec2 mouse);
  void drawHover(ImDrawList* dl, const Colors& c);
  float px(float v) const { return v * m_config.scale; }

  PlotConfig m_config;
  bool m_inPlot = false;
  bool m_hovered = false, m_clicked = false, m_held = false;
  ImVec2 m_frameMin, m_frameMax;  // the whole widget, pixels
  PlotTransform m_tf;             // plot area and limits of the current/last frame
  PlotHit m_hit;
  int m_nextColor = 0;
  int m_maxTicksY = 2;
  // The header above the plot area, laid out in layout(): title lines, legend entries (x, y relative to the
  // frame's top-left, and the series index), the y-label row.
  std::vector<TextLine> m_titleLines, m_titleScratch, m_xLabelLines;
  bool m_xLabelShortened = false;
  bool m_titleShortened = false;
  float m_titleTop = 0.0f;
  struct LegendEntry {
    std::size_t series;
    float x, y, w;
    bool shortened;
    int row;
  };
  std::vector<LegendEntry> m_legendEntries;
  float m_yLabelTop = 0.0f;
  bool m_legendRight = false;  // the legend stands in a column right of the data area
  float m_columnW = 0.0f;      // its width
  float m_headerBottom = 0.0f;
  bool m_staggerCategories = false;
  bool m_hasData = false;                          // some series has a drawable point (else: the empty-state text)
  bool m_yFloorZero = false;                       // bars/histograms stand on y = 0: don't pad below it
  std::vector<Series> m_series;                    // reused: cleared, never shrunk
  std::vector<double> m_store;                     // histogram heights of this frame
  std::vector<int> m_counts;                       // scratch for binning
  std::vector<ImVec2> m_run;                       // scratch: the current clipped polyline run, pixels
  std::vector<ImVec2> m_dash;                      // scratch: one dash of a dashed run
  std::vector<ImVec4> m_textRects;                 // text series placed this frame (x0, y0, x1, y1)
  AxisTicks m_xTicks, m_yTicks;
  ImVec2 m_aspectCut = ImVec2(0, 0);  // pixels taken off the data area's width or height for equal units
};

// [SECTION] The weight plane

/// A plot of the plane of two weights (w₁, w₂) over [−half, half]² — penalty balls, loss and posterior contours, a
/// posterior field as an image: one data unit as long on both axes, the limits fixed, whole-number ticks, no axis
/// label rows, no legend or hover readout (the lesson's legend names the shapes). Overlays are ordinary series in data units
/// (polygon, line, scatter with markers) in theme-aware colours; weightPlaneAxes() adds the lines w₁ = 0 and w₂ = 0
/// in the theme's text colour (or `color`: a grey over a light image, whatever the theme) and names them w₁ and
/// w₂ at their ends, inside the plane (no label rows).
/// `size` is the room it may take: below 11 lines a side the ticks keep no numbers (the picture gets the room).
PlotConfig weightPlaneConfig(PlotConfig base, double half, const char* title, ImVec2 size);
void weightPlaneAxes(Plot& plot, double half, float alpha = 0.45f, ImU32 color = 0);

}  // namespace nr::app
