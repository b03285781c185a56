// The plot widget: see plot.h for the API and the reasons it looks like ImPlot without a global context.
//
// [SECTION] Palette
// [SECTION] Ticks and tick labels (pure)
// [SECTION] Histogram binning (pure)
// [SECTION] Data <-> pixel transforms
// [SECTION] Plot: begin and series
// [SECTION] Plot: limits and layout
// [SECTION] Plot: drawing the frame, grid and series
// [SECTION] Plot: legend and hover readout
// [SECTION] What a plot needs around its data
// [SECTION] Plot: end

#include "widgets/plot.h"

#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include "widgets/disc_sprites.h"
#include "widgets/layout_probe.h"

namespace nr::app {

namespace {

bool finite(double v) { return std::isfinite(v); }

/// Usable on an axis: finite, and positive when the axis is logarithmic.
bool onAxis(double v, bool log) { return std::isfinite(v) && (!log || v > 0.0); }

/// End of the visible part of an ImGui-style label ("loss##a" shows "loss").
const char* labelEnd(const char* label) {
  const char* hash = std::strstr(label, "##");
  return hash ? hash : label + std::strlen(label);
}

ImU32 withAlpha(ImU32 col, float alpha) {
  const unsigned a = unsigned(((col >> IM_COL32_A_SHIFT) & 0xFF) * std::clamp(alpha, 0.0f, 1.0f) + 0.5f);
  return (col & ~IM_COL32_A_MASK) | (ImU32(a) << IM_COL32_A_SHIFT);
}

/// A scatter marker of radius r: a filled dot, a ring, or a cross (an x) with strokes `weight` wide.
void drawMarker(ImDrawList* dl, SeriesStyle::Marker shape, ImVec2 c, float r, ImU32 color, float weight) {
  switch (shape) {
    case SeriesStyle::Marker::Dot: drawDisc(dl, c, r, color); break;
    case SeriesStyle::Marker::Ring: dl->AddCircle(c, r, color, 20, weight); break;
    case SeriesStyle::Marker::Cross:
      dl->AddLine(ImVec2(c.x - r, c.y - r), ImVec2(c.x + r, c.y + r), color, weight);
      dl->AddLine(ImVec2(c.x - r, c.y + r), ImVec2(c.x + r, c.y - r), color, weight);
      break;
  }
}

/// PlotTransform with the per-axis constants precomputed, for loops over many points.
struct Mapper {
  double ax, bx, ay, by;
  bool logX, logY;
  explicit Mapper(const PlotTransform& t) : logX(t.logX), logY(t.logY) {
    const double x0 = logX ? std::log10(t.xLo) : t.xLo, x1 = logX ? std::log10(t.xHi) : t.xHi;
    const double y0 = logY ? std::log10(t.yLo) : t.yLo, y1 = logY ? std::log10(t.yHi) : t.yHi;
    bx = (t.max.x - t.min.x) / (x1 - x0);
    ax = t.min.x - x0 * bx;
    by = -(t.max.y - t.min.y) / (y1 - y0);
    ay = t.max.y - y0 * by;
  }
  // log10 of a non-positive value is NaN or -inf, which callers treat as "not drawable".
  double x(double v) const { return ax + bx * (logX ? std::log10(v) : v); }
  double y(double v) const { return ay + by * (logY ? std::log10(v) : v); }
};

/// Liang–Barsky: clips the segment p0→p1 to the box, returning the kept parameter interval [t0, t1].
bool clipSegment(double x0, double y0, double x1, double y1, const double box[4], double& t0, double& t1) {
  const double dx = x1 - x0, dy = y1 - y0;
  const double p[4] = {-dx, dx, -dy, dy};
  const double q[4] = {x0 - box[0], box[2] - x0, y0 - box[1], box[3] - y0};
  t0 = 0.0;
  t1 = 1.0;
  for (int i = 0; i < 4; ++i) {
    if (p[i] == 0.0) {
      if (q[i] < 0.0) return false;
      continue;
    }
    const double r = q[i] / p[i];
    if (p[i] < 0.0) {
      if (r > t1) return false;
      t0 = std::max(t0, r);
    } else {
      if (r < t0) return false;
      t1 = std::min(t1, r);
    }
  }
  return true;
}

/// Turns a stream of pixel points into polyline runs clipped to a box: a run ends where the line leaves the box or
/// at a gap, and each finished run is handed to `stroke`, which draws and clears it.
class RunClipper {
 public:
  RunClipper(const double (&box)[4], std::vector<ImVec2>& run) : m_box(box), m_run(run) {}

  template <class Stroke>
  void add(double x, double y, Stroke&& stroke) {
    double t0, t1;
    if (m_length > 0 && clipSegment(m_x, m_y, x, y, m_box, t0, t1)) {
      const double dx = x - m_x, dy = y - m_y;
      if (t0 > 0.0 || m_run.empty()) {  // (re-)entering the box starts a new run
        stroke();
        m_run.push_back(ImVec2(float(m_x + t0 * dx), float(m_y + t0 * dy)));
      }
      m_run.push_back(ImVec2(float(m_x + t1 * dx), float(m_y + t1 * dy)));
      if (t1 < 1.0) stroke();  // leaving it ends this one
    } else if (m_length > 0) {
      stroke();
    }
    m_x = x;
    m_y = y;
    ++m_length;
  }

  /// Ends the current run. True when it was a single point inside the box (nothing to stroke, worth a dot).
  template <class Stroke>
  bool gap(Stroke&& stroke) {
    stroke();
    const bool lone = m_length == 1 && m_x >= m_box[0] && m_x <= m_box[2] && m_y >= m_box[1] && m_y <= m_box[3];
    m_length = 0;
    return lone;
  }
  ImVec2 last() const { return ImVec2(float(m_x), float(m_y)); }

 private:
  const double (&m_box)[4];
  std::vector<ImVec2>& m_run;
  double m_x = 0.0, m_y = 0.0;
  int m_length = 0;  // finite points since the last gap
};

/// True when the finite values of x[0..count) never decrease (checked only when it matters: long series).
bool ascending(const PlotData& x, int count) {
  if (x.implicitAscending()) return true;
  double last = -HUGE_VAL;
  for (int i = 0; i < count; ++i) {
    const double v = x[i];
    if (!finite(v)) continue;
    if (v < last) return false;
    last = v;
  }
  return true;
}

template <class Values>
void binInto(const Values& values, int count, int bins, double lo, double hi, std::vector<int>& out) {
  out.assign(std::size_t(std::max(bins, 0)), 0);
  if (bins <= 0 || !finite(lo) || !finite(hi) || !(lo < hi)) return;
  const double span = hi - lo;
  // The documented edges are lo + span·b/bins; the first guess from one multiplication can be off by one next to
  // an edge (0.6 vs 6 × 0.1), so it is corrected against those exact edges.
  auto edge = [&](int b) { return lo + span * b / bins; };
  for (int i = 0; i < count; ++i) {
    const double v = values[i];
    if (!(v >= lo && v <= hi)) continue;  // also drops NaN
    int b = std::min(int((v - lo) / span * bins), bins - 1);
    if (b > 0 && v < edge(b)) --b;
    if (b + 1 < bins && v >= edge(b + 1)) ++b;
    ++out[std::size_t(b)];
  }
}

}  // namespace

// [SECTION] Palette

ImU32 plotColor(int i, float alpha) {
  static const ImU32 kColors[kPlotColorCount] = {
      IM_COL32(0, 114, 178, 255),    // blue
      IM_COL32(213, 94, 0, 255),     // vermillion
      IM_COL32(0, 158, 115, 255),    // bluish green
      IM_COL32(204, 121, 167, 255),  // reddish purple
      IM_COL32(230, 159, 0, 255),    // orange
      IM_COL32(86, 180, 233, 255),   // sky blue
      IM_COL32(240, 228, 66, 255),   // yellow
      IM_COL32(140, 140, 140, 255),  // grey (instead of black, which disappears on the dark theme)
  };
  const int k = ((i % kPlotColorCount) + kPlotColorCount) % kPlotColorCount;
  return withAlpha(kColors[k], alpha);
}

// [SECTION] Ticks and tick labels (pure)

namespace {
/// Where legendBlock puts its items: each item's top-left and width, rows of `width`; returns the height used.
struct LegendMetrics {
  float h, sw, inner, sep, lineH;
  explicit LegendMetrics(float scale)
      : h(ImGui::GetTextLineHeight()), sw(22.0f * scale), inner(ImGui::GetStyle().ItemInnerSpacing.x), sep(14.0f * scale),
        lineH(ImGui::GetTextLineHeightWithSpacing()) {}
  float itemWidth(const LegendItem& it, float width) const {
    return std::min(sw + inner + ImGui::CalcTextSize(it.label).x, width);
  }
};

template <class Visit>
float flowLegend(const LegendItem* items, int count, float width, const LegendMetrics& m, Visit visit) {
  float x = 0.0f, y = 0.0f;
  for (int i = 0; i < count; ++i) {
    const float w = m.itemWidth(items[i], width);
    if (x > 0.0f && x + w > width) x = 0.0f, y += m.lineH;
    visit(items[i], x, y, w);
    x += w + m.sep;
  }
  return y + m.h;
}
}  // namespace

float legendBlockHeight(const LegendItem* items, int count, float width, float scale) {
  return flowLegend(items, count, width, LegendMetrics(scale), [](const LegendItem&, float, float, float) {});
}

float legendBlock(const LegendItem* items, int count, float width, float scale) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const LegendMetrics m(scale);
  const float h = m.h, sw = m.sw, thick = std::max(2.0f, std::round(1.5f * scale));
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImU32 textCol = ImGui::GetColorU32(ImGuiCol_Text);
  const float used = flowLegend(items, count, width, m, [&](const LegendItem& it, float x, float y, float w) {
    const ImVec2 p(origin.x + x, origin.y + y);
    const ImVec2 c(p.x + sw / 2, p.y + h / 2);
    const float r = std::min(6.0f * scale, 0.35f * h);
    switch (it.mark) {
      case LegendItem::Mark::Line:
        if (it.dashed) {
          dl->AddLine(ImVec2(p.x, c.y), ImVec2(p.x + sw * 0.4f, c.y), it.color, thick);
          dl->AddLine(ImVec2(p.x + sw * 0.6f, c.y), ImVec2(p.x + sw, c.y), it.color, thick);
        } else {
          dl->AddLine(ImVec2(p.x, c.y), ImVec2(p.x + sw, c.y), it.color, thick);
        }
        break;
      case LegendItem::Mark::Dot: dl->AddCircleFilled(c, r, it.color, 16); break;
      case LegendItem::Mark::Box: dl->AddRectFilled(ImVec2(p.x + 2, p.y + 2), ImVec2(p.x + sw - 2, p.y + h - 2), it.color); break;
      case LegendItem::Mark::Ring:
        if (it.fill) dl->AddCircleFilled(c, r, it.fill, 16);
        dl->AddCircle(c, r, it.color, 16, thick);
        break;
      case LegendItem::Mark::Cross:
        dl->AddLine(ImVec2(c.x - r, c.y - r), ImVec2(c.x + r, c.y + r), it.color, thick);
        dl->AddLine(ImVec2(c.x - r, c.y + r), ImVec2(c.x + r, c.y - r), it.color, thick);
        break;
    }
    const ImVec2 at(p.x + sw + m.inner, p.y);
    if (sw + m.inner + ImGui::CalcTextSize(it.label).x <= width) {
      dl->AddText(at, textCol, it.label);
    } else {
      drawEllipsized(dl, at, p.x + w, it.label);
      if (ImGui::IsMouseHoveringRect(at, ImVec2(p.x + w, p.y + h))) ImGui::SetTooltip("%s", it.label);
    }
  });
  ImGui::Dummy(ImVec2(width, used));
  return used;
}

void niceTicks(double lo, double hi, int maxTicks, std::vector<double>& out) {
  out.clear();
  if (!finite(lo) || !finite(hi)) return;
  if (lo > hi) std::swap(lo, hi);
  const double span = hi - lo;
  const double raw = span / (std::max(maxTicks, 2) - 1);
  const double base = std::pow(10.0, std::floor(std::log10(raw)));
  if (lo == hi || !finite(span) || !(base > 0.0) || !finite(base)) {
    out.push_back(lo);
    return;
  }
  maxTicks = std::max(maxTicks, 2);
  // base <= raw < 10·base, so one of these steps gives at most maxTicks ticks; the first that does is the densest.
  for (double mult : {1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0}) {
    const double step = base * mult;
    const double k0 = std::ceil(lo / step), k1 = std::floor(hi / step);
    const double n = k1 - k0 + 1.0;
    if (n > maxTicks) continue;
    if (n < 1.0) break;
    // k / (1/step) rounds to the nearest double of the decimal (0.6), k · step may not (0.6000000000000001).
    const double inv = step < 1.0 ? std::round(1.0 / step) : 0.0;
    for (int i = 0; i < int(n); ++i) {
      const double k = k0 + i;
      double t = inv > 0.0 ? k / inv : k * step;
      t = std::clamp(t, lo, hi);
      if (t == 0.0) t = 0.0;  // no "-0"
      if (out.empty() || t > out.back()) out.push_back(t);
    }
    return;
  }
  out.push_back(lo);
}

std::vector<double> niceTicks(double lo, double hi, int maxTicks) {
  std::vector<double> out;
  niceTicks(lo, hi, maxTicks, out);
  return out;
}

void logTicks(double lo, double hi, int maxTicks, std::vector<double>& out) {
  out.clear();
  if (!finite(lo) || !finite(hi) || !(lo > 0.0) || !(hi > 0.0)) return;
  if (lo > hi) std::swap(lo, hi);
  // The tolerance keeps 1e-3 itself when log10(1e-3) rounds to -2.9999999999999996.
  const int k0 = int(std::ceil(std::log10(lo) - 1e-9));
  const int k1 = int(std::floor(std::log10(hi) + 1e-9));
  if (k1 < k0) return;
  auto floorDiv = [](int a, int b) { return a >= 0 ? a / b : -((-a + b - 1) / b); };
  int stride = 1;
  if (maxTicks > 0)
    while (floorDiv(k1, stride) - floorDiv(k0 - 1, stride) > maxTicks) ++stride;
  for (int k = k0; k <= k1; ++k)
    if (k % stride == 0) out.push_back(std::clamp(std::pow(10.0, k), lo, hi));
}

std::vector<double> logTicks(double lo, double hi, int maxTicks) {
  std::vector<double> out;
  logTicks(lo, hi, maxTicks, out);
  return out;
}

void logMantissaTicks(double lo, double hi, int maxTicks, std::vector<double>& out) {
  out.clear();
  if (!finite(lo) || !finite(hi) || !(lo > 0.0) || !(hi > 0.0)) return;
  if (lo > hi) std::swap(lo, hi);
  const int k0 = int(std::floor(std::log10(lo))), k1 = int(std::floor(std::log10(hi)));
  if (k1 - k0 > 40) return;  // that many decades want logTicks()
  static const int kAll[] = {1, 2, 3, 4, 5, 6, 7, 8, 9}, kOneTwoFive[] = {1, 2, 5}, kOneThree[] = {1, 3}, kOne[] = {1};
  const struct {
    const int* m;
    int n;
  } levels[] = {{kAll, 9}, {kOneTwoFive, 3}, {kOneThree, 2}, {kOne, 1}};
  for (const auto& level : levels) {
    out.clear();
    for (int k = k0; k <= k1; ++k)
      for (int j = 0; j < level.n; ++j) {
        // m / 10^-k rounds like the decimal literal (0.02), m · 10^k may not.
        const double v = k >= 0 ? level.m[j] * std::pow(10.0, k) : level.m[j] / std::pow(10.0, -k);
        if (v >= lo * (1 - 1e-12) && v <= hi * (1 + 1e-12)) out.push_back(std::clamp(v, lo, hi));
      }
    if (int(out.size()) <= std::max(maxTicks, 2)) return;
  }
}

std::vector<double> logMantissaTicks(double lo, double hi, int maxTicks) {
  std::vector<double> out;
  logMantissaTicks(lo, hi, maxTicks, out);
  return out;
}

const char* formatTickLabel(double value, double step, double magnitude, char* buf, int size) {
  if (!finite(value)) {
    std::snprintf(buf, std::size_t(size), "%g", value);
    return buf;
  }
  step = std::fabs(step);
  if (value == 0.0 || std::fabs(value) < step * 1e-9) {
    std::snprintf(buf, std::size_t(size), "0");
    return buf;
  }
  const int stepExp = step > 0.0 ? int(std::floor(std::log10(step) + 1e-9)) : 0;
  magnitude = std::fabs(magnitude);
  if (magnitude < 1e6 && magnitude >= 1e-3) {
    std::snprintf(buf, std::size_t(size), "%.*f", std::clamp(-stepExp, 0, 12), value);
    return buf;
  }
  const int valueExp = int(std::floor(std::log10(std::fabs(value)) + 1e-12));
  char tmp[64];
  std::snprintf(tmp, sizeof tmp, "%.*e", std::clamp(valueExp - stepExp, 0, 12), value);
  // "1.20e+12" -> "1.2e12": projector labels should be as short as the number allows.
  char* e = std::strchr(tmp, 'e');
  std::string_view mant(tmp, std::size_t(e ? e - tmp : 0));
  if (!e) {
    std::snprintf(buf, std::size_t(size), "%s", tmp);
    return buf;
  }
  if (mant.find('.') != std::string_view::npos) {
    while (!mant.empty() && mant.back() == '0') mant.remove_suffix(1);
    if (!mant.empty() && mant.back() == '.') mant.remove_suffix(1);
  }
  const char* exp = e + 1;
  const bool negative = *exp == '-';
  if (*exp == '-' || *exp == '+') ++exp;
  while (exp[0] == '0' && exp[1] != '\0') ++exp;
  std::snprintf(buf, std::size_t(size), "%.*se%s%s", int(mant.size()), mant.data(), negative ? "-" : "", exp);
  return buf;
}

const char* formatDecadeLabel(int k, char* buf, int size) {
  if (k >= -2 && k <= 3)
    std::snprintf(buf, std::size_t(size), "%.*f", k < 0 ? -k : 0, std::pow(10.0, k));
  else
    std::snprintf(buf, std::size_t(size), "1e%d", k);
  return buf;
}

// [SECTION] Histogram binning (pure)

std::vector<int> histogramCounts(const float* values, int count, int bins, double lo, double hi) {
  std::vector<int> out;
  if (values)
    binInto(values, count, bins, lo, hi, out);
  else
    out.assign(std::size_t(std::max(bins, 0)), 0);
  return out;
}

std::vector<int> histogramCounts(const double* values, int count, int bins, double lo, double hi) {
  std::vector<int> out;
  if (values)
    binInto(values, count, bins, lo, hi, out);
  else
    out.assign(std::size_t(std::max(bins, 0)), 0);
  return out;
}

// [SECTION] Data <-> pixel transforms

double PlotTransform::toPixelX(double x) const {
  const double a = logX ? std::log10(xLo) : xLo, b = logX ? std::log10(xHi) : xHi;
  return min.x + ((logX ? std::log10(x) : x) - a) / (b - a) * (max.x - min.x);
}

double PlotTransform::toPixelY(double y) const {
  const double a = logY ? std::log10(yLo) : yLo, b = logY ? std::log10(yHi) : yHi;
  return max.y - ((logY ? std::log10(y) : y) - a) / (b - a) * (max.y - min.y);
}

double PlotTransform::toDataX(double px) const {
  const double a = logX ? std::log10(xLo) : xLo, b = logX ? std::log10(xHi) : xHi;
  const double v = a + (px - min.x) / (max.x - min.x) * (b - a);
  return logX ? std::pow(10.0, v) : v;
}

double PlotTransform::toDataY(double py) const {
  const double a = logY ? std::log10(yLo) : yLo, b = logY ? std::log10(yHi) : yHi;
  const double v = a + (max.y - py) / (max.y - min.y) * (b - a);
  return logY ? std::pow(10.0, v) : v;
}

// [SECTION] Plot: begin and series

bool Plot::begin(const char* id, const ImVec2& size, const PlotConfig& config) {
  IM_ASSERT(!m_inPlot && "Plot::begin() called again before end(); call end() whenever begin() returned true");
  m_config = config;
  if (!(m_config.scale > 0.0f)) m_config.scale = 1.0f;
  m_series.clear();
  m_store.clear();
  m_nextColor = 0;
  m_yFloorZero = false;
  m_hit = PlotHit();

  const float font = ImGui::GetFontSize();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  ImVec2 sz = size;
  if (sz.x <= 0.0f) sz.x = avail.x + sz.x;
  if (sz.y < 0.0f)
    sz.y = avail.y + sz.y;
  else if (sz.y == 0.0f)
    sz.y = avail.y >= 6.0f * font ? avail.y : std::min(sz.x * 0.62f, 22.0f * font);  // little left: a usual shape
  // Below this the tick labels would cover the data; a squeezed plot is still drawn, just not smaller than this.
  sz.x = std::max(sz.x, (m_config.tickLabels ? 8.0f : 4.0f) * font);
  sz.y = std::max(sz.y, (m_config.tickLabels ? 6.0f : 4.5f) * font);

  ImGui::InvisibleButton(id, sz);
  m_hovered = ImGui::IsItemHovered();
  m_clicked = ImGui::IsItemClicked(ImGuiMouseButton_Left);
  m_held = ImGui::IsItemActive();
  m_frameMin = ImGui::GetItemRectMin();
  m_frameMax = ImGui::GetItemRectMax();
  if (!ImGui::IsItemVisible()) return false;
  m_inPlot = true;
  return true;
}

Plot::Series& Plot::add(Kind kind, const char* label, const SeriesStyle& style) {
  IM_ASSERT(m_inPlot && "Plot series must be added between a begin() that returned true and end()");
  m_series.emplace_back();
  Series& s = m_series.back();
  s.kind = kind;
  s.label = label ? label : "";
  s.style = style;
  if (style.color != 0) {
    s.color = style.color;
    return s;
  }
  // The same label means the same quantity (a mean curve and its ±σ band): same colour, one legend entry.
  if (s.label[0] != '\0')
    for (std::size_t i = 0; i + 1 < m_series.size(); ++i)
      if (m_series[i].kind != Kind::Text && std::strcmp(m_series[i].label, s.label) == 0) {
        s.color = m_series[i].color;
        return s;
      }
  s.color = plotColor(m_nextColor++);
  return s;
}

void Plot::line(const char* label, PlotData xs, PlotData ys, int count, const SeriesStyle& style) {
  Series& s = add(Kind::Line, label, style);
  s.x = xs;
  s.y = ys;
  s.count = std::max(count, 0);
}

void Plot::polygon(const char* label, PlotData xs, PlotData ys, int count, const SeriesStyle& style) {
  Series& s = add(Kind::Polygon, label, style);
  s.x = xs;
  s.y = ys;
  s.count = std::max(count, 0);
}

void Plot::image(ImTextureID texture, double x0, double x1, double y0, double y1) {
  Series& s = add(Kind::Image, "##image", SeriesStyle{IM_COL32_WHITE});
  s.texture = texture;
  s.a = x0, s.b = x1, s.c = y0, s.d = y1;
  s.count = 1;
}

void Plot::scatter(const char* label, PlotData xs, PlotData ys, int count, const SeriesStyle& style) {
  Series& s = add(Kind::Scatter, label, style);
  s.x = xs;
  s.y = ys;
  s.count = std::max(count, 0);
}

void Plot::bars(const char* label, PlotData xs, PlotData heights, int count, double width, const SeriesStyle& style) {
  Series& s = add(Kind::Bars, label, style);
  s.x = xs;
  s.y = heights;
  s.count = std::max(count, 0);
  if (!(width > 0.0) || !finite(width)) {
    double gap = HUGE_VAL;
    for (int i = 0; i + 1 < s.count; ++i) {
      const double d = std::fabs(xs[i + 1] - xs[i]);
      if (d > 0.0 && d < gap) gap = d;
    }
    width = 0.8 * (finite(gap) ? gap : 1.0);
  }
  s.a = width;
  m_yFloorZero = true;
}

void Plot::histogram(const char* label, PlotData values, int count, const HistogramBins& bins,
                     const SeriesStyle& style) {
  Series& s = add(Kind::Histogram, label, style);
  count = std::max(count, 0);
  double lo = bins.lo, hi = bins.hi;
  if (!(lo < hi) || !finite(lo) || !finite(hi)) {
    lo = HUGE_VAL;
    hi = -HUGE_VAL;
    for (int i = 0; i < count; ++i)
      if (finite(values[i])) {
        lo = std::min(lo, values[i]);
        hi = std::max(hi, values[i]);
      }
    if (lo > hi) return;  // no finite value: an empty series (still in the legend)
    if (lo == hi) {
      lo -= 0.5;
      hi += 0.5;
    }
  }
  // More bins than this cannot be told apart on any screen, and the cap keeps m_store bounded.
  const int k = std::clamp(bins.count, 1, 4096);
  binInto(values, count, k, lo, hi, m_counts);
  const double w = (hi - lo) / k;
  double total = 0.0;
  for (int c : m_counts) total += c;
  s.store = m_store.size();
  for (int c : m_counts) m_store.push_back(bins.density && total > 0.0 ? c / (total * w) : double(c));
  s.x = PlotData::sequence(lo + 0.5 * w, w);
  s.count = k;
  s.a = w;
  s.b = bins.density ? 1.0 : 0.0;
  m_yFloorZero = true;
}

void Plot::band(const char* label, PlotData xs, PlotData yLo, PlotData yHi, int count, const SeriesStyle& style) {
  Series& s = add(Kind::Band, label, style);
  s.x = xs;
  s.y = yLo;
  s.y2 = yHi;
  s.count = std::max(count, 0);
}

void Plot::vline(const char* label, double x, const SeriesStyle& style) {
  Series& s = add(Kind::VLine, label, style);
  s.a = x;
  s.count = 1;
}

void Plot::hline(const char* label, double y, const SeriesStyle& style) {
  Series& s = add(Kind::HLine, label, style);
  s.a = y;
  s.count = 1;
}

void Plot::text(double x, double y, const char* text, ImVec2 pivot, ImU32 color) {
  SeriesStyle style;
  style.color = color;
  Series& s = add(Kind::Text, nullptr, style);
  s.label = text ? text : "";
  s.color = color;
  s.a = x;
  s.b = y;
  s.pivot = pivot;
  s.count = 1;
}

// [SECTION] Plot: limits and layout

void Plot::fitLimits() {
  const bool lx = m_config.x.log, ly = m_config.y.log;
  double xLo = HUGE_VAL, xHi = -HUGE_VAL, yLo = HUGE_VAL, yHi = -HUGE_VAL;
  auto addX = [&](double v) {
    if (onAxis(v, lx)) xLo = std::min(xLo, v), xHi = std::max(xHi, v);
  };
  auto addY = [&](double v) {
    if (onAxis(v, ly)) yLo = std::min(yLo, v), yHi = std::max(yHi, v);
  };
  // With a fixed x window, y fits what is visible in it (zooming into the start of a training run).
  const double fxLo = m_config.x.min, fxHi = m_config.x.max;
  auto xVisible = [&](double x) { return !(x < fxLo) && !(x > fxHi); };  // NaN limits (auto) accept everything

  m_hasData = false;
  for (const Series& s : m_series) {
    for (int i = 0; i < s.count; ++i) {
      switch (s.kind) {
        case Kind::Line:
        case Kind::Scatter:
        case Kind::Polygon: {
          const double x = s.x[i], y = s.y[i];
          if (!onAxis(x, lx) || !onAxis(y, ly)) break;
          addX(x);
          if (xVisible(x)) addY(y);
          m_hasData = true;
          break;
        }
        case Kind::Image:
          addX(s.a), addX(s.b), addY(s.c), addY(s.d);
          m_hasData = true;
          break;
        case Kind::Bars:
        case Kind::Histogram: {
          const double x = s.x[i], h = s.y[i];
          if (!onAxis(x, lx) || !onAxis(h, ly)) break;
          addX(x - 0.5 * s.a);
          addX(x + 0.5 * s.a);
          addX(x);
          if (xVisible(x)) {
            addY(h);
            if (!ly) addY(0.0);
          }
          m_hasData = true;
          break;
        }
        case Kind::Band: {
          const double x = s.x[i], a = s.y[i], b = s.y2[i];
          if (!onAxis(x, lx) || !onAxis(a, ly) || !onAxis(b, ly)) break;
          addX(x);
          if (xVisible(x)) addY(a), addY(b);
          m_hasData = true;
          break;
        }
        case Kind::VLine:
          addX(s.a);
          m_hasData = m_hasData || onAxis(s.a, lx);
          break;
        case Kind::HLine:
          addY(s.a);
          m_hasData = m_hasData || onAxis(s.a, ly);
          break;
        case Kind::Text:
          break;
      }
    }
  }
  fitAxis(true, xLo, xHi, false);
  fitAxis(false, yLo, yHi, m_yFloorZero && !ly);
}

void Plot::fitAxis(bool isX, double dataLo, double dataHi, bool floorAtZero) {
  const PlotAxis& axis = isX ? m_config.x : m_config.y;
  const bool log = axis.log;
  // Work in "axis space" (log10 of the value on a log axis) so padding is a fraction of what is on screen.
  auto fwd = [log](double v) { return log ? std::log10(v) : v; };
  auto inv = [log](double v) { return log ? std::pow(10.0, v) : v; };
  const bool minFixed = onAxis(axis.min, log), maxFixed = onAxis(axis.max, log);
  const bool haveData = dataLo <= dataHi;
  double a = haveData ? fwd(dataLo) : 0.0, b = haveData ? fwd(dataHi) : 1.0;
  double lo, hi;
  if (haveData && a == b) {
    // A constant series: centre it in a range proportional to its size (0.3 → 0.27..0.33; 0 → -0.5..0.5).
    const double half = log ? 0.5 : (a != 0.0 ? 0.1 * std::fabs(a) : 0.5);
    lo = a - half;
    hi = b + half;
    if (floorAtZero && a == 0.0) lo = 0.0, hi = 1.0;
  } else {
    const double pad = haveData ? (b - a) * double(m_config.autoPadding) : 0.0;
    lo = floorAtZero && a == 0.0 ? 0.0 : a - pad;
    hi = b + pad;
  }
  if (isX && axis.categories && axis.categoryCount > 0 && !log) {
    // A category axis shows every category, data or not: half a slot beyond the first and the last.
    lo = -0.5;
    hi = axis.categoryCount - 0.5;
  }
  if (minFixed) lo = fwd(axis.min);
  if (maxFixed) hi = fwd(axis.max);
  if (minFixed && maxFixed && lo > hi) std::swap(lo, hi);
  if (!(hi > lo)) {  // a fixed side beyond all data, or both sides fixed to one value
    const double span = std::max(b - a, 1.0);
    if (minFixed && !maxFixed)
      hi = lo + span;
    else if (maxFixed && !minFixed)
      lo = hi - span;
    else
      lo -= 0.5, hi += 0.5;
  }
  (isX ? m_tf.xLo : m_tf.yLo) = inv(lo);
  (isX ? m_tf.xHi : m_tf.yHi) = inv(hi);
}

void Plot::computeTicks(const PlotAxis& axis, double lo, double hi, int maxTicks, AxisTicks& out) const {
  out.minor.clear();
  out.labels = LabelMode::Linear;
  const bool showTicks = m_hasData || (finite(axis.min) && finite(axis.max));
  if (!showTicks) {
    out.major.clear();
    return;
  }
  if (axis.log) {
    if (std::log10(hi / lo) >= 3.0) {
      logTicks(lo, hi, maxTicks, out.major);
      out.labels = LabelMode::Decade;
    } else {
      // Up to three decades: one or two decade labels would leave most of the axis bare, so label 1-2-5 (or every
      // digit) within the decades: 0.02, 0.05, 0.1, 0.2, 0.5.
      logMantissaTicks(lo, hi, maxTicks, out.major);
      out.labels = LabelMode::PerValue;
    }
    // Minor grid at 2..9 × 10^k shows the log scale at a glance, but only while every decade is labelled.
    const bool everyDecade = out.major.size() >= 2 && out.major[1] / out.major[0] < 10.5;
    const int k0 = int(std::floor(std::log10(lo))), k1 = int(std::ceil(std::log10(hi)));
    if (everyDecade && k1 - k0 <= 12)
      for (int k = k0; k <= k1; ++k)
        for (int m = 2; m <= 9; ++m) {
          const double v = m * std::pow(10.0, k);
          if (v >= lo && v <= hi) out.minor.push_back(v);
        }
    // A narrow log range (0.61 to 0.69) holds fewer than two m·10^k: label it as a linear one would be.
    if (out.major.size() < 2) {
      niceTicks(lo, hi, maxTicks, out.major);
      out.minor.clear();
      out.labels = LabelMode::Linear;
    }
  } else {
    niceTicks(lo, hi, maxTicks, out.major);
  }
  if (axis.integer && out.labels == LabelMode::Linear) {
    // Counts (epochs, layers): no tick between two whole numbers. Where that leaves fewer than two because the nice
    // step was a fraction (a range of 0 to 1.5), every whole number instead — not where the step was whole and
    // the room allowed only one tick (0 alone on [−3, 3], not 0 and 1).
    const bool fractional = out.major.size() >= 2 && out.major[1] - out.major[0] < 1.0;
    out.major.erase(std::remove_if(out.major.begin(), out.major.end(), [](double v) { return v != std::floor(v); }),
                    out.major.end());
    if (out.major.size() < 2 && fractional)
      for (double v = std::ceil(lo); v <= hi && out.major.size() < std::size_t(std::max(maxTicks, 2)); v += 1.0)
        if (out.major.empty() || v > out.major.back()) out.major.push_back(v);
  }
  out.step = out.major.size() >= 2 ? out.major[1] - out.major[0] : hi - lo;
  out.magnitude = out.major.empty() ? 1.0 : std::max(std::fabs(out.major.front()), std::fabs(out.major.back()));
}

const char* Plot::tickLabel(const PlotAxis& axis, const AxisTicks& ticks, double v, char* buf, int size) const {
  if (axis.format) {
    std::snprintf(buf, std::size_t(size), axis.format, v);
    return buf;
  }
  switch (ticks.labels) {
    case LabelMode::Decade:
      return formatDecadeLabel(int(std::lround(std::log10(v))), buf, size);
    case LabelMode::PerValue: {
      const double decade = std::pow(10.0, std::floor(std::log10(v) + 1e-9));
      return formatTickLabel(v, decade, v, buf, size);
    }
    case LabelMode::Linear:
      break;
  }
  return formatTickLabel(v, ticks.step, ticks.magnitude, buf, size);
}

float Plot::widestLabel(const PlotAxis& axis, const AxisTicks& ticks) const {
  char buf[64];
  float w = 0.0f;
  if (!m_config.tickLabels) return w;
  for (double v : ticks.major) w = std::max(w, ImGui::CalcTextSize(tickLabel(axis, ticks, v, buf, 64)).x);
  return w;
}

void Plot::layoutHeader(int compact) {
  const float font = ImGui::GetFontSize(), pad = px(6.0f), gap = px(6.0f), rowGap = px(3.0f);
  const float innerW = std::max(m_frameMax.x - m_frameMin.x - 2.0f * pad, font);
  float y = pad;
  // Title: wrapped to the plot's width; past three lines the third ends in an ellipsis (the whole title on hover).
  m_titleLines.clear();
  m_titleShortened = false;
  m_titleTop = y;
  if (m_config.title) {
    wrapTextLines(ImGui::GetFont(), font, m_config.title, labelEnd(m_config.title), innerW, m_titleLines);
    const std::size_t maxLines = compact > 0 ? 1 : 3;
    if (m_titleLines.size() > maxLines) {
      m_titleLines.resize(maxLines);
      m_titleShortened = true;
    }
    y += float(m_titleLines.size()) * font + 0.5f * pad;
  }
  // Legend entries flow in right-aligned rows; one row sits beside the y-axis label when there is room for both.
  m_legendEntries.clear();
  if (m_config.legend && !m_legendRight) {
    const float swatch = 1.6f * font, columnGap = 2.0f * gap;
    // Entries get their row in a first pass, then their place: no allocation once the plot's buffers have grown.
    float rowW = 0.0f;
    int row = 0, inRow = 0;
    int entries = 0;
    for (std::size_t i = 0; i < m_series.size(); ++i) entries += isLegendEntry(i);
    // Compact (a small plot whose data area would vanish): two rows, then one, every name shortened to its share.
    // An entry keeps at least its swatch and a few characters: on a very narrow plot more rows instead.
    const int fitting = std::max(1, int((innerW + columnGap) / (swatch + gap + 3.0f * font + columnGap)));
    const int perRow = std::min(compact > 2 ? entries : (entries + 1) / 2, fitting);
    const float share = perRow > 0 ? (innerW - columnGap * float(perRow - 1)) / float(perRow) : innerW;
    for (std::size_t i = 0; i < m_series.size(); ++i) {
      if (!isLegendEntry(i)) continue;
      const float textW = ImGui::CalcTextSize(m_series[i].label, labelEnd(m_series[i].label)).x;
      const float w = std::min(swatch + gap + textW, compact > 1 ? std::max(share, swatch) : innerW);
      const bool full = (compact > 1 && inRow >= perRow) || (inRow > 0 && rowW + columnGap + w > innerW);
      if (full) {
        ++row;
        inRow = 0;
        rowW = 0.0f;
      }
      rowW += (inRow > 0 ? columnGap : 0.0f) + w;
      ++inRow;
      m_legendEntries.push_back({i, 0.0f, 0.0f, w, swatch + gap + textW > w + 0.5f, row});
    }
    const int rows = m_legendEntries.empty() ? 0 : row + 1;
    const float yLabelW = m_config.y.label ? ImGui::CalcTextSize(m_config.y.label).x : 0.0f;
    auto widthOf = [&](int r) {
      float w = 0.0f;
      int n = 0;
      for (const LegendEntry& e : m_legendEntries)
        if (e.row == r) w += e.w, ++n;
      return w + columnGap * float(n > 0 ? n - 1 : 0);
    };
    const bool beside = rows == 1 && yLabelW + 2.0f * font + widthOf(0) <= innerW;
    float rowY = y;
    for (int r = 0; r < rows; ++r) {
      float x = pad + innerW - widthOf(r);
      for (LegendEntry& e : m_legendEntries) {
        if (e.row != r) continue;
        e.x = x;
        e.y = rowY;
        x += e.w + columnGap;
      }
      if (!beside) rowY += font + rowGap;
    }
    if (!beside && rows > 0) y = rowY - rowGap + 0.5f * pad;
  }
  m_yLabelTop = y;
  const bool rowUsed = m_config.y.label || (!m_legendEntries.empty() && m_legendEntries.front().y == y);
  if (rowUsed) y += font + 0.5f * pad;
  m_headerBottom = y;
}

void Plot::layout() {
  const float font = ImGui::GetFontSize(), pad = px(6.0f);
  const float bottom = layoutBelow();
  float right = pad + (m_config.tickLabels ? font : 0.0f);  // half of a typical last x tick label
  float top = 0.0f, height = 0.0f;
  placeLegend(bottom, top, height, right);
  layoutDataArea(top, height, right);
  computeXTicks();
  if (m_legendRight) layoutLegendColumn();
}

float Plot::layoutBelow() {
  const float font = ImGui::GetFontSize(), pad = px(6.0f), tick = px(4.0f);
  m_staggerCategories = false;
  if (m_config.x.categories && m_config.x.categoryCount > 0) {
    // Slots narrower than a short word: names alternate between two rows, each with twice the room.
    const float slot = (m_frameMax.x - m_frameMin.x - 5.0f * font) / float(m_config.x.categoryCount);
    m_staggerCategories = slot < 3.5f * font;
  }
  // The x-axis label wraps to the plot's width (two lines at most; a longer one ends in an ellipsis).
  m_xLabelLines.clear();
  m_xLabelShortened = false;
  if (m_config.x.label) {
    wrapTextLines(ImGui::GetFont(), font, m_config.x.label, nullptr,
                  std::max(m_frameMax.x - m_frameMin.x - 2.0f * pad, font), m_xLabelLines);
    if (m_xLabelLines.size() > 2) {
      m_xLabelLines.resize(2);
      m_xLabelShortened = true;
    }
  }
  const float tickRow = m_config.tickLabels ? 0.5f * pad + font * (m_staggerCategories ? 2.0f : 1.0f) : 0.0f;
  return tick + tickRow + (m_xLabelLines.empty() ? 0.0f : 0.5f * pad + font * float(m_xLabelLines.size())) + pad;
}

int Plot::layoutAbove(float bottom, float& top, float& height) {
  // The header at the first compactness that leaves the data at least three lines (else at the most compact).
  const float font = ImGui::GetFontSize();
  int compact = 0;
  for (;; ++compact) {
    layoutHeader(compact);
    top = m_headerBottom + 0.5f * font;  // half a line more so the top y tick label is not cut
    height = std::max(m_frameMax.y - bottom - (m_frameMin.y + top), 1.0f);
    if (height >= 3.0f * font || compact == 3) break;
  }
  return compact;
}

void Plot::placeLegend(float bottom, float& top, float& height, float& right) {
  // A wide plot keeps its legend in a column right of the data when it fits there in full: the data keep the
  // whole height (a square weight plane on a wide panel, a projector's short wide plots).
  const float font = ImGui::GetFontSize(), pad = px(6.0f);
  const float frameW = m_frameMax.x - m_frameMin.x;
  const float swatch = 1.6f * font, gap = px(6.0f), rowGap = px(3.0f);
  int entries = 0;
  float widest = 0.0f;
  for (std::size_t i = 0; i < m_series.size(); ++i)
    if (isLegendEntry(i)) {
      ++entries;
      widest = std::max(widest, ImGui::CalcTextSize(m_series[i].label, labelEnd(m_series[i].label)).x);
    }
  // Two places for the legend, and the one that leaves the data more room wins:
  //  - above the data in right-aligned rows (beside the y label when one row fits). When that would leave the data
  //    less than three lines, the title is cut to one line, then the legend to two rows and one (shortened names,
  //    whole on hover);
  //  - in a column right of the data, every entry on its own line (at most 45 % of the width), when all of them fit
  //    beside the data, and whole — or shortened, when the rows above would have shortened them too.
  m_legendRight = false;
  const int compactAbove = layoutAbove(bottom, top, height);
  // Room for data counts as a plot's usual shape sees it: a wide flat strip is worth no more than its height allows.
  auto usable = [](float w, float h) { return std::min(w, 1.6f * h) * std::min(h, w / 1.6f); };
  m_columnW = std::min(swatch + gap + widest, 0.45f * frameW);
  const bool wholeBeside = swatch + gap + widest <= m_columnW + 0.5f;
  const bool mayStandBeside =
      m_config.legend && entries > 0 && m_columnW >= swatch + gap + 3.0f * font && (wholeBeside || compactAbove > 1);
  if (!mayStandBeside) return;
  const float aboveArea = usable(frameW - right - 4.0f * font, height);
  m_legendRight = true;
  layoutHeader(0);
  const float sideTop = m_headerBottom + 0.5f * font;
  const float sideHeight = std::max(m_frameMax.y - bottom - (m_frameMin.y + sideTop), 1.0f);
  const float sideRight = pad + m_columnW + 2.0f * gap;
  const bool fits = float(entries) * (font + rowGap) <= sideHeight;  // beside the data, not by the x label
  const float sideArea = usable(frameW - sideRight - 4.0f * font, sideHeight);
  if (fits && sideHeight >= 3.0f * font && sideArea > aboveArea * 1.05f) {
    top = sideTop;
    height = sideHeight;
    right = sideRight;
  } else {
    m_legendRight = false;
    layoutAbove(bottom, top, height);  // back to the rows above
  }
}

void Plot::layoutDataArea(float top, float height, float right) {
  const float font = ImGui::GetFontSize(), pad = px(6.0f), tick = px(4.0f);
  // A label every 2.4 lines reads calmly; a short plot (big projector font) still gets three if they fit at all.
  m_maxTicksY =
      std::clamp(std::max(int(height / (2.4f * font)) + 1, std::min(3, int(height / (1.4f * font)) + 1)), 2, 12);
  computeTicks(m_config.y, m_tf.yLo, m_tf.yHi, m_maxTicksY, m_yTicks);
  const float left = pad + widestLabel(m_config.y, m_yTicks) + 0.5f * pad + tick;
  m_tf.min = ImVec2(std::floor(m_frameMin.x + left), std::floor(m_frameMin.y + top));
  m_tf.max =
      ImVec2(std::floor(std::max(m_frameMax.x - right, m_tf.min.x + 1.0f)), std::floor(m_frameMin.y + top + height));
  m_tf.logX = m_config.x.log;
  m_tf.logY = m_config.y.log;
  m_aspectCut = ImVec2(0.0f, 0.0f);
  if (m_config.equalAspect && !m_tf.logX && !m_tf.logY) {
    const double xLo = m_tf.xLo, xHi = m_tf.xHi, yLo = m_tf.yLo, yHi = m_tf.yHi;
    const float labelsW = widestLabel(m_config.y, m_yTicks);
    applyEqualAspect();
    // Equal units may relabel the y axis (a shorter area, other ticks): wider labels move the area's left edge and
    // the aspect is made equal again from the original limits.
    const float grown = widestLabel(m_config.y, m_yTicks) - labelsW;
    if (grown > 0.5f) {
      m_tf.min.x = std::floor(m_frameMin.x + left + grown);
      m_tf.max = ImVec2(std::floor(std::max(m_frameMax.x - right, m_tf.min.x + 1.0f)),
                        std::floor(m_frameMin.y + top + height));
      m_tf.min.y = std::floor(m_frameMin.y + top);
      m_tf.xLo = xLo, m_tf.xHi = xHi, m_tf.yLo = yLo, m_tf.yHi = yHi;
      computeTicks(m_config.y, m_tf.yLo, m_tf.yHi, m_maxTicksY, m_yTicks);
      applyEqualAspect();
    }
  }
}

void Plot::layoutLegendColumn() {
  // The column, top-aligned with the data area (positions relative to the frame's top-left).
  const float font = ImGui::GetFontSize(), pad = px(6.0f);
  const float frameW = m_frameMax.x - m_frameMin.x;
  const float swatch = 1.6f * font, gap = px(6.0f), rowGap = px(3.0f);
  float y = m_tf.min.y - m_frameMin.y;
  for (std::size_t i = 0; i < m_series.size(); ++i) {
    if (!isLegendEntry(i)) continue;
    const float textW = ImGui::CalcTextSize(m_series[i].label, labelEnd(m_series[i].label)).x;
    m_legendEntries.push_back({i, frameW - pad - m_columnW, y, m_columnW, swatch + gap + textW > m_columnW + 0.5f, 0});
    y += font + rowGap;
  }
}

void Plot::computeXTicks() {
  const float font = ImGui::GetFontSize(), width = m_tf.max.x - m_tf.min.x;
  if (m_config.x.categories && m_config.x.categoryCount > 0) {
    m_xTicks.major.clear();
    m_xTicks.minor.clear();
    for (int i = 0; i < m_config.x.categoryCount; ++i)
      if (i >= m_tf.xLo && i <= m_tf.xHi) m_xTicks.major.push_back(i);
    m_xTicks.step = 1.0;
    m_xTicks.magnitude = m_config.x.categoryCount;
    m_xTicks.labels = LabelMode::Linear;
    return;
  }
  // Start from a guess of 4.5 ems per label, then thin out until the widest label plus a gap fits.
  int maxTicks = std::clamp(int(width / (4.5f * font)) + 1, 2, 15);
  // Equal units (a weight plane): as many as the y axis has where they fit, so the two axes read alike.
  if (m_config.equalAspect) maxTicks = std::max(maxTicks, int(m_yTicks.major.size()));
  for (int pass = 0; pass < 4; ++pass) {
    computeTicks(m_config.x, m_tf.xLo, m_tf.xHi, maxTicks, m_xTicks);
    const int fits = int(width / (widestLabel(m_config.x, m_xTicks) + 1.5f * font)) + 1;
    if (fits >= int(m_xTicks.major.size()) || maxTicks <= 2) break;
    maxTicks = std::max(2, std::min(fits, maxTicks - 1));
  }
}

void Plot::applyEqualAspect() {
  m_aspectCut = ImVec2(0.0f, 0.0f);
  const double w = m_tf.max.x - m_tf.min.x, h = m_tf.max.y - m_tf.min.y;
  const double ux = (m_tf.xHi - m_tf.xLo) / w, uy = (m_tf.yHi - m_tf.yLo) / h;
  // An axis whose both limits were fixed keeps them: the data area narrows instead (centred), so a [-3, 3]² plane on
  // a wide panel stays [-3, 3]² rather than becoming [-11, 11] × [-3, 3].
  const bool xFixed = onAxis(m_config.x.min, false) && onAxis(m_config.x.max, false);
  const bool yFixed = onAxis(m_config.y.min, false) && onAxis(m_config.y.max, false);
  // (Whole pixels: the limits then widen by less than a pixel so the units stay exactly equal.)
  if (ux < uy && xFixed) {
    const float keep = float((m_tf.xHi - m_tf.xLo) / uy), cut = std::floor(0.5f * (float(w) - keep));
    m_aspectCut = ImVec2(2.0f * cut, 0.0f);
    m_tf.min.x += cut;
    m_tf.max.x -= cut;
    const double c = 0.5 * (m_tf.xLo + m_tf.xHi), half = 0.5 * uy * (m_tf.max.x - m_tf.min.x);
    m_tf.xLo = c - half;
    m_tf.xHi = c + half;
    return;
  }
  if (ux > uy && yFixed) {
    const float keep = float((m_tf.yHi - m_tf.yLo) / ux), cut = std::floor(0.5f * (float(h) - keep));
    m_aspectCut = ImVec2(0.0f, 2.0f * cut);
    m_tf.min.y += cut;
    m_tf.max.y -= cut;
    const double c = 0.5 * (m_tf.yLo + m_tf.yHi), half = 0.5 * ux * (m_tf.max.y - m_tf.min.y);
    m_tf.yLo = c - half;
    m_tf.yHi = c + half;
    // Ticks for the shorter area: as calm as before, not denser.
    const float font = ImGui::GetFontSize(), areaH = m_tf.max.y - m_tf.min.y;
    m_maxTicksY = std::clamp(std::max(int(areaH / (2.4f * font)) + 1, std::min(3, int(areaH / (1.4f * font)) + 1)), 2, 12);
    computeTicks(m_config.y, m_tf.yLo, m_tf.yHi, m_maxTicksY, m_yTicks);
    return;
  }
  // Otherwise widen the axis with fewer data units per pixel around its centre, so nothing fitted leaves the view.
  if (ux > uy) {
    const double c = 0.5 * (m_tf.yLo + m_tf.yHi);
    m_tf.yLo = c - 0.5 * ux * h;
    m_tf.yHi = c + 0.5 * ux * h;
    computeTicks(m_config.y, m_tf.yLo, m_tf.yHi, m_maxTicksY, m_yTicks);
  } else {
    const double c = 0.5 * (m_tf.xLo + m_tf.xHi);
    m_tf.xLo = c - 0.5 * uy * w;
    m_tf.xHi = c + 0.5 * uy * w;
  }
}

// [SECTION] Plot: drawing the frame, grid and series

Plot::Colors Plot::themeColors() const {
  // Everything derives from the style's text colour so light, dark and high-contrast themes need no plot settings.
  // The high-contrast theme (washed-out projectors) gets a solid frame and a grid that survives the wash.
  const bool hc = m_config.highContrast;
  Colors c;
  c.text = ImGui::GetColorU32(ImGuiCol_Text);
  c.textDim = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  c.frame = ImGui::GetColorU32(ImGuiCol_Text, hc ? 1.0f : 0.55f);
  c.grid = ImGui::GetColorU32(ImGuiCol_Text, hc ? 0.3f : 0.14f);
  c.gridMinor = ImGui::GetColorU32(ImGuiCol_Text, hc ? 0.12f : 0.06f);
  c.crosshair = ImGui::GetColorU32(ImGuiCol_Text, 0.4f);
  return c;
}

void Plot::drawAxes(ImDrawList* dl, const Colors& c) {
  const float font = ImGui::GetFontSize(), pad = px(6.0f), tick = px(4.0f);
  const float thin = std::max(1.0f, std::round(m_config.scale));
  const ImVec2 lo = m_tf.min, hi = m_tf.max;
  const Mapper m(m_tf);
  char buf[64];
  // Grid lines on pixel centres stay one crisp pixel wide instead of two blurred ones.
  auto snap = [](double v) { return float(std::floor(v) + 0.5); };

  for (double v : m_xTicks.minor) dl->AddLine(ImVec2(snap(m.x(v)), lo.y), ImVec2(snap(m.x(v)), hi.y), c.gridMinor);
  for (double v : m_yTicks.minor) dl->AddLine(ImVec2(lo.x, snap(m.y(v))), ImVec2(hi.x, snap(m.y(v))), c.gridMinor);

  const bool categorical = m_config.x.categories && m_config.x.categoryCount > 0;
  float lastRight = -HUGE_VALF;
  for (double v : m_xTicks.major) {
    const float x = snap(m.x(v));
    if (!categorical) dl->AddLine(ImVec2(x, lo.y), ImVec2(x, hi.y), c.grid, thin);
    dl->AddLine(ImVec2(x, hi.y), ImVec2(x, hi.y + tick), c.frame, thin);
    if (categorical || !m_config.tickLabels) continue;
    const char* label = tickLabel(m_config.x, m_xTicks, v, buf, 64);
    const float w = ImGui::CalcTextSize(label).x;
    const float left = std::clamp(x - 0.5f * w, m_frameMin.x, m_frameMax.x - w);
    if (left < lastRight + 0.5f * font) continue;  // never print labels over each other
    dl->AddText(ImVec2(left, hi.y + tick + 0.5f * pad), c.text, label);
    lastRight = left + w;
  }
  if (categorical) drawCategoryLabels(dl, c);
  float lastTop = HUGE_VALF;
  for (double v : m_yTicks.major) {
    const float y = snap(m.y(v));
    dl->AddLine(ImVec2(lo.x, y), ImVec2(hi.x, y), c.grid, thin);
    dl->AddLine(ImVec2(lo.x - tick, y), ImVec2(lo.x, y), c.frame, thin);
    if (!m_config.tickLabels) continue;
    const char* label = tickLabel(m_config.y, m_yTicks, v, buf, 64);
    const ImVec2 size = ImGui::CalcTextSize(label);
    const float top = y - 0.5f * size.y;
    if (top + size.y > lastTop) continue;
    dl->AddText(ImVec2(lo.x - tick - 0.5f * pad - size.x, top), c.text, label);
    lastTop = top;
  }

  drawTitle(dl, c);
  if (m_config.y.label) {
    // Shortened only if it alone is wider than the plot (the full label is on hover).
    const float maxW = m_frameMax.x - m_frameMin.x - 2.0f * pad;
    const ImVec2 at(m_frameMin.x + pad, m_frameMin.y + m_yLabelTop);
    const ImVec2 size = ImGui::CalcTextSize(m_config.y.label);
    if (size.x <= maxW) {
      dl->AddText(at, c.text, m_config.y.label);
    } else {
      drawEllipsized(dl, at, at.x + maxW, m_config.y.label);
      if (m_config.probe) m_config.probe->shortened.push_back({m_config.y.label});
      const ImVec2 mouse = ImGui::GetIO().MousePos;
      if (m_hovered && mouse.y >= at.y && mouse.y < at.y + size.y) ImGui::SetTooltip("%s", m_config.y.label);
    }
  }
  float y = hi.y + tick + pad + (m_staggerCategories ? 2.0f : 1.0f) * font;
  for (std::size_t k = 0; k < m_xLabelLines.size(); ++k, y += font) {
    const TextLine& l = m_xLabelLines[k];
    if (k + 1 == m_xLabelLines.size() && m_xLabelShortened) {
      const float x0 = m_frameMin.x + pad, x1 = m_frameMax.x - pad;
      drawEllipsized(dl, ImVec2(x0, y), x1, l.begin);
      if (m_config.probe) m_config.probe->shortened.push_back({m_config.x.label});
      const ImVec2 mouse = ImGui::GetIO().MousePos;
      if (m_hovered && mouse.y >= y - font) ImGui::SetTooltip("%s", m_config.x.label);
      continue;
    }
    const float w = ImGui::CalcTextSize(l.begin, l.end).x;
    const float x = std::clamp(0.5f * (lo.x + hi.x - w), m_frameMin.x + pad, std::max(m_frameMin.x, m_frameMax.x - pad - w));
    dl->AddText(ImVec2(std::floor(x), y), c.text, l.begin, l.end);
  }
}

void Plot::drawTitle(ImDrawList* dl, const Colors& c) {
  if (m_titleLines.empty()) return;
  const float font = ImGui::GetFontSize();
  const float midX = 0.5f * (m_tf.min.x + m_tf.max.x);
  const float maxW = m_frameMax.x - m_frameMin.x - 2.0f * px(6.0f);
  float y = m_frameMin.y + m_titleTop;
  for (std::size_t k = 0; k < m_titleLines.size(); ++k, y += font) {
    const TextLine& l = m_titleLines[k];
    const bool last = k + 1 == m_titleLines.size();
    if (last && m_titleShortened) {
      // The rest of the title does not fit: this line ends in an ellipsis, the whole title is on hover.
      const char* end = labelEnd(m_config.title);
      const float x = m_frameMin.x + px(6.0f);
      drawEllipsized(dl, ImVec2(x, y), x + maxW, l.begin, end);
      continue;
    }
    const float w = ImGui::CalcTextSize(l.begin, l.end).x;
    const float x = std::clamp(midX - 0.5f * w, m_frameMin.x + px(6.0f), std::max(m_frameMin.x, m_frameMax.x - px(6.0f) - w));
    dl->AddText(ImVec2(std::floor(x), y), c.text, l.begin, l.end);
  }
  if (m_titleShortened) {
    if (m_config.probe) m_config.probe->shortened.push_back({std::string(m_config.title, labelEnd(m_config.title))});
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    if (m_hovered && mouse.y >= m_frameMin.y + m_titleTop && mouse.y < y)
      ImGui::SetTooltip("%.*s", int(labelEnd(m_config.title) - m_config.title), m_config.title);
  }
}

void Plot::drawCategoryLabels(ImDrawList* dl, const Colors& c) {
  const float font = ImGui::GetFontSize(), pad = px(6.0f), tick = px(4.0f);
  const Mapper m(m_tf);
  const float unit = float(std::fabs(m.x(1.0) - m.x(0.0)));
  // Each name gets its slot (two slots when staggered) less a small gap; a longer name is shortened.
  const float room = std::max(unit * (m_staggerCategories ? 2.0f : 1.0f) - 0.4f * font, font);
  for (double v : m_xTicks.major) {
    const int i = int(v);
    const char* name = m_config.x.categories[i];
    if (!name) continue;
    const float x = float(m.x(v));
    const float y = m_tf.max.y + tick + 0.5f * pad + (m_staggerCategories && (i % 2) ? font : 0.0f);
    const ImVec2 size = ImGui::CalcTextSize(name);
    if (size.x <= room) {
      const float left = std::clamp(x - 0.5f * size.x, m_frameMin.x, m_frameMax.x - size.x);
      dl->AddText(ImVec2(std::floor(left), y), c.text, name);
    } else {
      const float left = std::clamp(x - 0.5f * room, m_frameMin.x, m_frameMax.x - room);
      drawEllipsized(dl, ImVec2(left, y), left + room, name);
      if (m_config.probe) m_config.probe->shortened.push_back({name});
    }
  }
}

void Plot::drawSeries(ImDrawList* dl, const Series& s, const Colors& c) {
  switch (s.kind) {
    case Kind::Line:
      drawLine(dl, s);
      break;
    case Kind::Scatter:
      drawScatter(dl, s);
      break;
    case Kind::Polygon:
      drawPolygon(dl, s);
      break;
    case Kind::Image:
      drawImage(dl, s);
      break;
    case Kind::Bars:
    case Kind::Histogram:
      drawBars(dl, s);
      break;
    case Kind::Band:
      drawBand(dl, s);
      break;
    case Kind::VLine:
    case Kind::HLine:
      drawRule(dl, s);
      break;
    case Kind::Text:
      drawText(dl, s, c);
      break;
  }
}

void Plot::drawScatter(ImDrawList* dl, const Series& s) {
  const Mapper m(m_tf);
  const float r = px(s.style.marker > 0.0f ? s.style.marker : 3.5f);
  for (int i = 0; i < s.count; ++i) {
    const double x = m.x(s.x[i]), y = m.y(s.y[i]);
    if (!finite(x) || !finite(y) || x < m_tf.min.x - r || x > m_tf.max.x + r || y < m_tf.min.y - r ||
        y > m_tf.max.y + r)
      continue;
    drawMarker(dl, s.style.shape, ImVec2(float(x), float(y)), r, s.color, lineWeight(s));
  }
}

void Plot::drawPolygon(ImDrawList* dl, const Series& s) {
  const Mapper m(m_tf);
  m_run.clear();
  for (int i = 0; i < s.count; ++i) {
    const double x = m.x(s.x[i]), y = m.y(s.y[i]);
    if (finite(x) && finite(y)) m_run.push_back(ImVec2(float(x), float(y)));
  }
  if (m_run.size() < 2) return;
  if (s.style.fillAlpha > 0.0f)
    dl->AddConvexPolyFilled(m_run.data(), static_cast<int>(m_run.size()), withAlpha(s.color, s.style.fillAlpha));
  dl->AddPolyline(m_run.data(), static_cast<int>(m_run.size()), s.color, ImDrawFlags_Closed, lineWeight(s));
}

void Plot::drawImage(ImDrawList* dl, const Series& s) {
  if (!s.texture) return;
  const Mapper m(m_tf);
  const double x0 = m.x(s.a), x1 = m.x(s.b), y0 = m.y(s.c), y1 = m.y(s.d);
  if (!finite(x0) || !finite(x1) || !finite(y0) || !finite(y1)) return;
  // Screen y grows downwards: the texture's first row (y0, the bottom) is its v = 0.
  dl->AddImage(s.texture, ImVec2(float(x0), float(y1)), ImVec2(float(x1), float(y0)), ImVec2(0, 1), ImVec2(1, 0));
}

void Plot::drawRule(ImDrawList* dl, const Series& s) {
  const Mapper m(m_tf);
  const bool vertical = s.kind == Kind::VLine;
  const double p = vertical ? m.x(s.a) : m.y(s.a);
  if (!finite(p)) return;
  m_run.clear();
  m_run.push_back(vertical ? ImVec2(float(p), m_tf.min.y) : ImVec2(m_tf.min.x, float(p)));
  m_run.push_back(vertical ? ImVec2(float(p), m_tf.max.y) : ImVec2(m_tf.max.x, float(p)));
  strokeRun(dl, s);
}

bool Plot::textRoomFree(ImVec2 p, ImVec2 size) const {
  // True when a text of `size` at `p` overlaps none of the texts placed before it this frame.
  for (const ImVec4& r : m_textRects)
    if (p.x < r.z && p.x + size.x > r.x && p.y < r.w && p.y + size.y > r.y) return false;
  return true;
}

ImVec2 Plot::placeText(double x, double y, ImVec2 size, ImVec2 pivot) const {
  // Kept inside the plot area, so a label near an edge is moved rather than cut; and off the labels placed
  // before it: the mirrored side of its anchor, else a line lower or higher at a time.
  auto place = [&](ImVec2 pv, float dy) {
    const float px0 = float(x) - pv.x * size.x, py0 = float(y) - pv.y * size.y + dy;
    return ImVec2(
        std::floor(std::clamp(px0, m_tf.min.x + 1.0f, std::max(m_tf.min.x + 1.0f, m_tf.max.x - 1.0f - size.x))),
        std::floor(std::clamp(py0, m_tf.min.y + 1.0f, std::max(m_tf.min.y + 1.0f, m_tf.max.y - 1.0f - size.y))));
  };
  ImVec2 pos = place(pivot, 0.0f);
  const ImVec2 wanted = pos;
  const ImVec2 mirrored(1.0f - pivot.x, 1.0f - pivot.y);
  for (int k = 0; k < 12 && !textRoomFree(pos, size); ++k) {
    const float dy = float((k / 2 + 1) * (k % 2 ? -1 : 1)) * size.y;
    pos = place(k == 0 ? mirrored : pivot, k == 0 ? 0.0f : dy);
  }
  if (!textRoomFree(pos, size)) {
    // A crowded small plot (or long labels): the free place nearest to the wanted one, anywhere in the area.
    const float step = std::max(2.0f, 0.5f * ImGui::GetTextLineHeight());
    float best = HUGE_VALF;
    for (float sy = m_tf.min.y + 1.0f; sy + size.y <= m_tf.max.y - 1.0f; sy += step)
      for (float sx = m_tf.min.x + 1.0f; sx + size.x <= m_tf.max.x - 1.0f; sx += step) {
        const ImVec2 p(std::floor(sx), std::floor(sy));
        const float d = (p.x - wanted.x) * (p.x - wanted.x) + (p.y - wanted.y) * (p.y - wanted.y);
        if (d < best && textRoomFree(p, size)) best = d, pos = p;
      }
  }
  return pos;  // may still overlap: the caller checks
}

void Plot::drawText(ImDrawList* dl, const Series& s, const Colors& c) {
  const Mapper m(m_tf);
  const double x = m.x(s.a), y = m.y(s.b);
  if (!finite(x) || !finite(y)) return;
  ImVec2 size = ImGui::CalcTextSize(s.label, labelEnd(s.label));
  // A label wider than the plot area (a long translation on a small panel) is wrapped to its width, not cut.
  std::vector<TextLine> lines;
  if (const float areaW = m_tf.max.x - m_tf.min.x - 2.0f; size.x > areaW && areaW > 0.0f) {
    wrapTextLines(ImGui::GetFont(), ImGui::GetFontSize(), s.label, labelEnd(s.label), areaW, lines);
    size = ImVec2(0.0f, static_cast<float>(lines.size()) * ImGui::GetTextLineHeight());
    for (const TextLine& l : lines) size.x = std::max(size.x, ImGui::CalcTextSize(l.begin, l.end).x);
  }
  const ImVec2 pos = placeText(x, y, size, s.pivot);
  // Nowhere: left out. Text over text is unreadable, and the data stay visible.
  if (!textRoomFree(pos, size)) return;
  m_textRects.push_back(ImVec4(pos.x, pos.y, pos.x + size.x, pos.y + size.y));
  if (std::getenv("NR_DEBUG_PLOT"))
    std::fprintf(stderr, "text '%s' at (%.0f,%.0f) size (%.0f,%.0f) free %d area y %.0f-%.0f\n", s.label, pos.x, pos.y,
                 size.x, size.y, textRoomFree(pos, size), m_tf.min.y, m_tf.max.y);
  if (lines.empty()) dl->AddText(pos, s.color ? s.color : c.text, s.label, labelEnd(s.label));
  for (std::size_t i = 0; i < lines.size(); ++i)
    dl->AddText(ImVec2(pos.x, pos.y + static_cast<float>(i) * ImGui::GetTextLineHeight()),
                s.color ? s.color : c.text, lines[i].begin, lines[i].end);
}

void Plot::drawLine(ImDrawList* dl, const Series& s) {
  const Mapper m(m_tf);
  // Whole pixels: ImGui draws an integer-width anti-aliased line from its texture, two triangles a segment, and
  // any other width as a polygon of six (a software rasterizer pays per triangle).
  const float weight = lineWeight(s);
  // Clip a little outside the plot area so the line's end caps and joins at the border are outside too.
  const double margin = 4.0 * weight;
  const double box[4] = {m_tf.min.x - margin, m_tf.min.y - margin, m_tf.max.x + margin, m_tf.max.y + margin};
  m_run.clear();
  RunClipper clip(box, m_run);
  auto stroke = [&] { strokeRun(dl, s); };
  auto gap = [&] {
    // A lone finite point between gaps would draw nothing: show it as a dot rather than hide data.
    if (clip.gap(stroke)) dl->AddCircleFilled(clip.last(), weight, s.color, 8);
  };

  // More points than pixel columns (a long loss history) are reduced to at most two per column: its lowest and
  // highest point in index order, or only its last when they lie within a pixel. The same picture, the envelope
  // of a noisy curve included, at a fraction of the triangles; a software rasterizer pays for every thin
  // segment, so a 4,000-point curve drawn whole would cost more than the rest of the window.
  const bool decimate = s.count > (m_tf.max.x - m_tf.min.x) && ascending(s.x, s.count);
  struct Pt {
    double x, y;
    int i;
  } column[4];  // first, lowest, highest, last
  bool open = false;
  long columnIndex = 0;
  auto flushColumn = [&] {
    if (!open) return;
    const Pt& low = column[1];
    const Pt& high = column[2];
    if (high.y - low.y < 1.0) {
      clip.add(column[3].x, column[3].y, stroke);
    } else {
      const Pt& a = low.i < high.i ? low : high;
      const Pt& b = low.i < high.i ? high : low;
      clip.add(a.x, a.y, stroke);
      clip.add(b.x, b.y, stroke);
    }
    open = false;
  };

  for (int i = 0; i < s.count; ++i) {
    const double x = m.x(s.x[i]), y = m.y(s.y[i]);
    if (!finite(x) || !finite(y)) {  // NaN, Inf, or <= 0 on a log axis: a gap, never a wild segment
      flushColumn();
      gap();
      continue;
    }
    if (!decimate) {
      clip.add(x, y, stroke);
      continue;
    }
    const long col = long(std::floor(std::clamp(x, -1e9, 1e9)));
    if (!open || col != columnIndex) {
      flushColumn();
      column[0] = column[1] = column[2] = column[3] = Pt{x, y, i};
      columnIndex = col;
      open = true;
    } else {
      column[3] = Pt{x, y, i};
      if (y < column[1].y) column[1] = column[3];
      if (y > column[2].y) column[2] = column[3];
    }
  }
  flushColumn();
  gap();

  if (s.style.markers) {
    const float r = px(s.style.marker > 0.0f ? s.style.marker : 3.5f);
    for (int i = 0; i < s.count; ++i) {
      const double x = m.x(s.x[i]), y = m.y(s.y[i]);
      if (finite(x) && finite(y) && x >= box[0] && x <= box[2] && y >= box[1] && y <= box[3])
        drawDisc(dl, ImVec2(float(x), float(y)), r, s.color);
    }
  }
}

float Plot::lineWeight(const Series& s) const {
  // Whole pixels (see drawLine); the high-contrast theme draws every series half as wide again.
  const float w = px(s.style.weight > 0.0f ? s.style.weight : 2.0f) * (m_config.highContrast ? 1.5f : 1.0f);
  return std::max(1.0f, std::round(w));
}

void Plot::strokeRun(ImDrawList* dl, const Series& s) {
  const float weight = lineWeight(s);
  if (m_run.size() >= 2 && !s.style.dashed) dl->AddPolyline(m_run.data(), int(m_run.size()), s.color, 0, weight);
  if (m_run.size() >= 2 && s.style.dashed) {
    // The dash pattern runs on across the segments, so corners don't restart it.
    const float pattern[2] = {px(7.0f), px(5.0f)};
    int phase = 0;
    float left = pattern[0];
    m_dash.clear();
    m_dash.push_back(m_run[0]);
    for (std::size_t k = 1; k < m_run.size(); ++k) {
      ImVec2 a = m_run[k - 1];
      const ImVec2 b = m_run[k];
      float len = std::sqrt((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y));
      while (len > 0.0f) {
        const float step = std::min(left, len);
        const float t = step / len;
        a = ImVec2(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t);
        len -= step;
        left -= step;
        if (phase == 0) m_dash.push_back(a);
        if (left <= 0.0f) {
          if (phase == 0 && m_dash.size() >= 2) dl->AddPolyline(m_dash.data(), int(m_dash.size()), s.color, 0, weight);
          m_dash.clear();
          phase ^= 1;
          left = pattern[phase];
          if (phase == 0) m_dash.push_back(a);
        }
      }
    }
    if (phase == 0 && m_dash.size() >= 2) dl->AddPolyline(m_dash.data(), int(m_dash.size()), s.color, 0, weight);
  }
  m_run.clear();
}

void Plot::drawBars(ImDrawList* dl, const Series& s) {
  const Mapper m(m_tf);
  const float alpha = s.style.fillAlpha >= 0.0f ? s.style.fillAlpha : (s.kind == Kind::Histogram ? 0.45f : 0.55f);
  const ImU32 fill = withAlpha(s.color, alpha);
  const float outline = std::max(1.0f, std::round(m_config.scale));
  // On a log y axis bars stand on the bottom edge: there is no zero to stand on.
  const double base = m_config.y.log ? m_tf.yLo : 0.0;
  const float x0c = m_tf.min.x - 2.0f, x1c = m_tf.max.x + 2.0f, y0c = m_tf.min.y - 2.0f, y1c = m_tf.max.y + 2.0f;
  for (int i = 0; i < s.count; ++i) {
    const double xc = s.x[i], h = s.y[i];
    double left = m.x(xc - 0.5 * s.a), right = m.x(xc + 0.5 * s.a), top = m.y(h), bottom = m.y(base);
    if (!finite(left) || !finite(right) || !finite(top) || !finite(bottom)) continue;
    if (top > bottom) std::swap(top, bottom);  // negative heights hang down from zero
    if (right < x0c || left > x1c || bottom < y0c || top > y1c) continue;
    const ImVec2 a(float(std::clamp(left, double(x0c), double(x1c))), float(std::clamp(top, double(y0c), double(y1c))));
    const ImVec2 b(float(std::clamp(right, double(x0c), double(x1c))),
                   float(std::clamp(bottom, double(y0c), double(y1c))));
    dl->AddRectFilled(a, b, fill);
    // The solid outline separates touching histogram bins, and a zero-height bar (a lasso coefficient that is
    // exactly 0) still shows as a flat mark on the axis instead of vanishing.
    if (b.x - a.x > 3.0f * outline) dl->AddRect(a, b, s.color, 0.0f, 0, outline);
  }
}

void Plot::drawBand(ImDrawList* dl, const Series& s) {
  const Mapper m(m_tf);
  const ImU32 fill = withAlpha(s.color, s.style.fillAlpha >= 0.0f ? s.style.fillAlpha : 0.22f);
  // Anti-aliased fringes of adjacent quads overlap into visible seams; a band's edges are soft enough without.
  const ImDrawListFlags flags = dl->Flags;
  dl->Flags &= ~ImDrawListFlags_AntiAliasedFill;
  const ImVec2 uv = ImGui::GetFontTexUvWhitePixel();
  // Far-away vertices are clamped a plot size beyond the edge: float pixels stay exact, the view is unchanged.
  const double w = m_tf.max.x - m_tf.min.x, h = m_tf.max.y - m_tf.min.y;
  auto cx = [&](double v) { return float(std::clamp(v, m_tf.min.x - w, m_tf.max.x + w)); };
  auto cy = [&](double v) { return float(std::clamp(v, m_tf.min.y - h, m_tf.max.y + h)); };
  double px0 = 0, lo0 = 0, hi0 = 0;
  bool havePrev = false;
  for (int i = 0; i < s.count; ++i) {
    const double x = m.x(s.x[i]), lo = m.y(s.y[i]), hi = m.y(s.y2[i]);
    if (!finite(x) || !finite(lo) || !finite(hi)) {
      havePrev = false;
      continue;
    }
    if (havePrev && !(std::max(px0, x) < m_tf.min.x || std::min(px0, x) > m_tf.max.x)) {
      dl->PrimReserve(6, 4);
      dl->PrimQuadUV(ImVec2(cx(px0), cy(hi0)), ImVec2(cx(x), cy(hi)), ImVec2(cx(x), cy(lo)), ImVec2(cx(px0), cy(lo0)),
                     uv, uv, uv, uv, fill);
    }
    px0 = x, lo0 = lo, hi0 = hi;
    havePrev = true;
  }
  dl->Flags = flags;
}

// [SECTION] Plot: legend and hover readout

bool Plot::isLegendEntry(std::size_t i) const {
  const Series& s = m_series[i];
  if (s.kind == Kind::Text || s.kind == Kind::Image || labelEnd(s.label) == s.label) return false;  // "##id" stay out
  for (std::size_t k = 0; k < i; ++k)
    if (m_series[k].kind != Kind::Text && std::strcmp(m_series[k].label, s.label) == 0) return false;
  return true;
}

void Plot::drawSwatch(ImDrawList* dl, const Series& s, ImVec2 a, ImVec2 b) const {
  const float midY = std::floor(0.5f * (a.y + b.y)) + 0.5f;
  switch (s.kind) {
    case Kind::Line:
    case Kind::VLine:
    case Kind::HLine: {
      const float weight = lineWeight(s);
      if (s.style.dashed) {
        const float third = (b.x - a.x) / 3.0f;
        dl->AddLine(ImVec2(a.x, midY), ImVec2(a.x + third, midY), s.color, weight);
        dl->AddLine(ImVec2(b.x - third, midY), ImVec2(b.x, midY), s.color, weight);
      } else {
        dl->AddLine(ImVec2(a.x, midY), ImVec2(b.x, midY), s.color, weight);
      }
      if (s.style.markers) dl->AddCircleFilled(ImVec2(0.5f * (a.x + b.x), midY), 0.3f * (b.y - a.y), s.color, 12);
      break;
    }
    case Kind::Scatter:
      if (s.style.shape == SeriesStyle::Marker::Dot)  // as before markers had shapes: the goldens keep their swatches
        dl->AddCircleFilled(ImVec2(0.5f * (a.x + b.x), midY), std::min(px(4.0f), 0.35f * (b.y - a.y)), s.color, 12);
      else
        drawMarker(dl, s.style.shape, ImVec2(0.5f * (a.x + b.x), midY), std::min(px(4.0f), 0.35f * (b.y - a.y)),
                   s.color, lineWeight(s));
      break;
    case Kind::Polygon: {
      const ImVec2 inset(0.2f * (b.x - a.x), 0.15f * (b.y - a.y));
      if (s.style.fillAlpha > 0.0f)
        dl->AddRectFilled(ImVec2(a.x + inset.x, a.y + inset.y), ImVec2(b.x - inset.x, b.y - inset.y),
                          withAlpha(s.color, s.style.fillAlpha));
      dl->AddRect(ImVec2(a.x + inset.x, a.y + inset.y), ImVec2(b.x - inset.x, b.y - inset.y), s.color, 0.0f, 0,
                  lineWeight(s));
      break;
    }
    case Kind::Bars:
    case Kind::Histogram:
    case Kind::Band: {
      const float alpha = s.kind == Kind::Band ? 0.35f : 0.55f;
      const ImVec2 inset(0.0f, 0.15f * (b.y - a.y));
      dl->AddRectFilled(ImVec2(a.x, a.y + inset.y), ImVec2(b.x, b.y - inset.y), withAlpha(s.color, alpha));
      if (s.kind != Kind::Band) dl->AddRect(ImVec2(a.x, a.y + inset.y), ImVec2(b.x, b.y - inset.y), s.color);
      break;
    }
    case Kind::Text:
    case Kind::Image:
      break;
  }
}

int Plot::pointsUnder(ImVec2 a, ImVec2 b) const {
  const Mapper m(m_tf);
  auto inside = [&](double x, double y) { return x >= a.x && x <= b.x && y >= a.y && y <= b.y; };
  int n = 0;
  for (const Series& s : m_series) {
    // Sampling keeps this cheap for 100k-point series; the legend only needs a rough count.
    const int stride = std::max(1, s.count / 1000);
    for (int i = 0; i < s.count; i += stride) {
      switch (s.kind) {
        case Kind::Line:
        case Kind::Scatter: {
          const double x = m.x(s.x[i]), y = m.y(s.y[i]);
          n += inside(x, y);
          // Segment midpoints too: a line through the box with no vertex inside still hides under it.
          if (s.kind == Kind::Line && i + stride < s.count)
            n += inside(0.5 * (x + m.x(s.x[i + stride])), 0.5 * (y + m.y(s.y[i + stride])));
          break;
        }
        case Kind::Bars:
        case Kind::Histogram: {
          const double l = m.x(s.x[i] - 0.5 * s.a), r = m.x(s.x[i] + 0.5 * s.a), t = m.y(s.y[i]);
          const double bottom = m.y(m_config.y.log ? m_tf.yLo : 0.0);
          if (s.y[i] != 0.0 && r >= a.x && l <= b.x && std::max(t, bottom) >= a.y && std::min(t, bottom) <= b.y) ++n;
          break;
        }
        case Kind::Band:
          n += inside(m.x(s.x[i]), m.y(s.y[i])) + inside(m.x(s.x[i]), m.y(s.y2[i]));
          break;
        default:
          break;
      }
    }
  }
  return n;
}

void Plot::drawLegend(ImDrawList* dl, const Colors& c) {
  if (m_legendEntries.empty()) return;
  const float font = ImGui::GetFontSize(), gap = px(6.0f), swatch = 1.6f * font;
  ImVec2 boxMin(HUGE_VALF, HUGE_VALF), boxMax(-HUGE_VALF, -HUGE_VALF);
  for (const LegendEntry& e : m_legendEntries) {
    const Series& s = m_series[e.series];
    const float x = m_frameMin.x + e.x, y = m_frameMin.y + e.y;
    // One entry stands for every series with its label: fills first, then lines on top (a band under its mean).
    const ImVec2 a(x, y), b(x + swatch, y + font);
    for (int pass = 0; pass < 2; ++pass)
      for (std::size_t k = e.series; k < m_series.size(); ++k) {
        const Series& o = m_series[k];
        const bool fill = o.kind == Kind::Bars || o.kind == Kind::Histogram || o.kind == Kind::Band;
        if (o.kind != Kind::Text && fill == (pass == 0) && std::strcmp(o.label, s.label) == 0) drawSwatch(dl, o, a, b);
      }
    const ImVec2 at(x + swatch + gap, y);
    if (!e.shortened) {
      dl->AddText(at, c.text, s.label, labelEnd(s.label));
    } else {
      const float right = x + e.w;
      drawEllipsized(dl, at, right, s.label, labelEnd(s.label));
      if (m_config.probe) m_config.probe->shortened.push_back({std::string(s.label, labelEnd(s.label))});
      const ImVec2 mouse = ImGui::GetIO().MousePos;
      if (m_hovered && mouse.x >= x && mouse.x < right && mouse.y >= y && mouse.y < y + font)
        ImGui::SetTooltip("%.*s", int(labelEnd(s.label) - s.label), s.label);
    }
    boxMin = ImVec2(std::min(boxMin.x, x), std::min(boxMin.y, y));
    boxMax = ImVec2(std::max(boxMax.x, x + e.w), std::max(boxMax.y, y + font));
  }
  if (m_config.probe) {
    // Points the legend covers: those of the plot area under its box (none, as it sits above the area).
    const ImVec2 a(std::max(boxMin.x, m_tf.min.x), std::max(boxMin.y, m_tf.min.y));
    const ImVec2 b(std::min(boxMax.x, m_tf.max.x), std::min(boxMax.y, m_tf.max.y));
    const int under = (a.x < b.x && a.y < b.y) ? pointsUnder(a, b) : 0;
    m_config.probe->legends.push_back({m_config.title ? m_config.title : "plot", boxMin, boxMax, under});
  }
}

void Plot::findNearest(ImVec2 mouse) {
  const Mapper m(m_tf);
  double best = HUGE_VAL;
  auto consider = [&](double d2, std::size_t si, int i, double x, double y) {
    if (!(d2 < best)) return;
    best = d2;
    m_hit.series = int(si);
    m_hit.index = i;
    m_hit.x = x;
    m_hit.y = y;
    m_hit.label = m_series[si].label;
  };
  // A bar or band under the mouse has distance 0, but a line point a few pixels away is what the eye is on:
  // areas count as this much farther away.
  const double areaBias = double(px(10.0f)) * double(px(10.0f));
  auto dist2 = [&](double x, double y) { return (x - mouse.x) * (x - mouse.x) + (y - mouse.y) * (y - mouse.y); };
  // Distance from the mouse to the interval [a, b] along one axis (0 inside it).
  auto outside = [](double v, double a, double b) {
    return v < std::min(a, b) ? std::min(a, b) - v : std::max(0.0, v - std::max(a, b));
  };
  for (std::size_t si = 0; si < m_series.size(); ++si) {
    const Series& s = m_series[si];
    for (int i = 0; i < s.count; ++i) {
      switch (s.kind) {
        case Kind::Line:
        case Kind::Scatter:
        case Kind::Polygon: {
          const double x = m.x(s.x[i]), y = m.y(s.y[i]);
          if (finite(x) && finite(y)) consider(dist2(x, y), si, i, s.x[i], s.y[i]);
          break;
        }
        case Kind::Bars:
        case Kind::Histogram: {
          // Anywhere over a bar selects it, not only its top corner.
          const double l = m.x(s.x[i] - 0.5 * s.a), r = m.x(s.x[i] + 0.5 * s.a), t = m.y(s.y[i]);
          const double b = m.y(m_config.y.log ? m_tf.yLo : 0.0);
          if (!finite(l) || !finite(r) || !finite(t) || !finite(b)) break;
          const double dx = outside(mouse.x, l, r), dy = outside(mouse.y, t, b);
          consider(dx * dx + dy * dy + areaBias, si, i, s.x[i], s.y[i]);
          break;
        }
        case Kind::Band: {
          const double x = m.x(s.x[i]), lo = m.y(s.y[i]), hi = m.y(s.y2[i]);
          if (!finite(x) || !finite(lo) || !finite(hi)) break;
          const double dx = x - mouse.x, dy = outside(mouse.y, lo, hi);
          consider(dx * dx + dy * dy + areaBias, si, i, s.x[i],
                   std::fabs(mouse.y - lo) < std::fabs(mouse.y - hi) ? s.y[i] : s.y2[i]);
          break;
        }
        case Kind::VLine: {
          const double x = m.x(s.a);
          if (finite(x)) consider((x - mouse.x) * (x - mouse.x), si, 0, s.a, m_tf.toDataY(mouse.y));
          break;
        }
        case Kind::HLine: {
          const double y = m.y(s.a);
          if (finite(y)) consider((y - mouse.y) * (y - mouse.y), si, 0, m_tf.toDataX(mouse.x), s.a);
          break;
        }
        case Kind::Text:
        case Kind::Image:
          break;
      }
    }
  }
}

void Plot::drawHover(ImDrawList* dl, const Colors& c) {
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  if (!m_hovered || mouse.x < m_tf.min.x || mouse.x > m_tf.max.x || mouse.y < m_tf.min.y || mouse.y > m_tf.max.y)
    return;
  findNearest(mouse);
  if (!m_config.hover) return;
  const float thin = std::max(1.0f, std::round(m_config.scale));
  const float mx = std::floor(mouse.x) + 0.5f, my = std::floor(mouse.y) + 0.5f;
  dl->AddLine(ImVec2(mx, m_tf.min.y), ImVec2(mx, m_tf.max.y), c.crosshair, thin);
  dl->AddLine(ImVec2(m_tf.min.x, my), ImVec2(m_tf.max.x, my), c.crosshair, thin);

  const Series* s = m_hit.series >= 0 ? &m_series[std::size_t(m_hit.series)] : nullptr;
  if (s) {
    ImVec2 p = m_tf.toPixel(m_hit.x, m_hit.y);
    if (s->kind == Kind::VLine) p.y = mouse.y;
    if (s->kind == Kind::HLine) p.x = mouse.x;
    if (p.x >= m_tf.min.x && p.x <= m_tf.max.x && p.y >= m_tf.min.y && p.y <= m_tf.max.y) {
      dl->AddCircleFilled(p, px(5.0f), s->color, 16);
      dl->AddCircle(p, px(5.0f) + thin, c.text, 16, thin);
    }
  }

  ImGui::BeginTooltip();
  ImGui::Text("x = %.4g    y = %.4g", m_tf.toDataX(mouse.x), m_tf.toDataY(mouse.y));
  if (s) {
    const float font = ImGui::GetFontSize();
    const ImVec2 at = ImGui::GetCursorScreenPos();
    drawSwatch(ImGui::GetWindowDrawList(), *s, at, ImVec2(at.x + 1.6f * font, at.y + font));
    ImGui::Dummy(ImVec2(1.6f * font, font));
    ImGui::SameLine();
    if (labelEnd(s->label) != s->label) {
      ImGui::TextUnformatted(s->label, labelEnd(s->label));
      ImGui::SameLine();
    }
    const int i = m_hit.index;
    switch (s->kind) {
      case Kind::Histogram: {
        // The last bin is closed: it holds the values equal to hi.
        const bool last = i + 1 == s->count;
        ImGui::Text(s->b > 0.0 ? "[%.4g, %.4g%c  %.4g" : "[%.4g, %.4g%c  %.0f", m_hit.x - 0.5 * s->a,
                    m_hit.x + 0.5 * s->a, last ? ']' : ')', m_hit.y);
        break;
      }
      case Kind::Band:
        ImGui::Text("x = %.4g  [%.4g, %.4g]", m_hit.x, s->y[i], s->y2[i]);
        break;
      case Kind::VLine:
        ImGui::Text("x = %.4g", s->a);
        break;
      case Kind::HLine:
        ImGui::Text("y = %.4g", s->a);
        break;
      default:
        if (s->kind == Kind::Bars && m_config.x.categories && m_hit.x >= 0 && m_hit.x < m_config.x.categoryCount &&
            m_hit.x == std::floor(m_hit.x) && m_config.x.categories[int(m_hit.x)])
          ImGui::Text("%s: %.4g", m_config.x.categories[int(m_hit.x)], m_hit.y);  // the whole name, never shortened
        else
          ImGui::Text("(%.4g, %.4g)", m_hit.x, m_hit.y);
        break;
    }
  }
  ImGui::EndTooltip();
}

// [SECTION] What a plot needs around its data

namespace {
PlotNeedSink* g_needSink = nullptr;
}

void setPlotNeedSink(PlotNeedSink* sink) { g_needSink = sink; }

float plotMinFrameHeight(const PlotNeed& n, float frameW, bool compact) {
  // The rules of layoutHeader() without compaction, and of layout()'s bottom margin.
  const float font = ImGui::GetFontSize(), pad = 6.0f * n.scale, gap = 6.0f * n.scale, rowGap = 3.0f * n.scale;
  const float tick = 4.0f * n.scale;
  const float k = n.font > 0.0f ? font / n.font : 1.0f;  // measured in another font size: scaled
  const float innerW = std::max(frameW - 2.0f * pad, font);
  static std::vector<TextLine> lines;
  float y = pad;
  if (!n.title.empty()) {
    wrapTextLines(ImGui::GetFont(), font, n.title.c_str(), n.title.c_str() + n.title.size(), innerW, lines);
    y += float(std::min<std::size_t>(lines.size(), compact ? 1 : 3)) * font + 0.5f * pad;
  }
  const float columnGap = 2.0f * gap;
  int rows = 0, inRow = 0;
  float rowW = 0.0f, row0W = 0.0f;
  if (compact && !n.entryW.empty()) {
    // As many entries per row as keep a swatch and three characters each (layoutHeader's last compaction).
    const float swatch = 1.6f * font;
    const int entries = static_cast<int>(n.entryW.size());
    const int perRow = std::min(entries, std::max(1, int((innerW + columnGap) / (swatch + gap + 3.0f * font + columnGap))));
    rows = (entries + perRow - 1) / perRow;
    row0W = innerW;  // the row is filled: never beside the y label
  } else {
    for (float e : n.entryW) {
      const float w = std::min(e * k, innerW);
      if (inRow == 0 || rowW + columnGap + w > innerW) {
        if (rows == 1) row0W = rowW;
        ++rows;
        inRow = 0;
        rowW = 0.0f;
      }
      rowW += (inRow > 0 ? columnGap : 0.0f) + w;
      ++inRow;
    }
    if (rows == 1) row0W = rowW;
  }
  const bool beside = rows == 1 && n.yLabelW * k + 2.0f * font + row0W <= innerW;
  if (!beside && rows > 0) y += float(rows) * (font + rowGap) - rowGap + 0.5f * pad;
  if (n.yLabel || beside) y += font + 0.5f * pad;
  const float top = y + 0.5f * font;
  bool stagger = false;
  if (n.categories > 0) stagger = (frameW - 5.0f * font) / float(n.categories) < 3.5f * font;
  std::size_t xLines = 0;
  if (!n.xLabel.empty()) {
    wrapTextLines(ImGui::GetFont(), font, n.xLabel.c_str(), n.xLabel.c_str() + n.xLabel.size(), innerW, lines);
    xLines = std::min<std::size_t>(lines.size(), 2);
  }
  const float bottom = tick + 0.5f * pad + font * (stagger ? 2.0f : 1.0f) +
                       (xLines == 0 ? 0.0f : 0.5f * pad + font * float(xLines)) + pad;
  return std::ceil(top + (compact ? 3.0f : 4.5f) * font + bottom);
}

// [SECTION] Plot: end

void Plot::end() {
  IM_ASSERT(m_inPlot && "Plot::end() needs a begin() that returned true");
  m_inPlot = false;
  // Histogram heights live in m_store, which may have grown (and moved) after each histogram was added.
  for (Series& s : m_series)
    if (s.kind == Kind::Histogram && s.count > 0) s.y = PlotData(m_store.data() + s.store);
  fitLimits();
  layout();
  if (std::getenv("NR_DEBUG_PLOT"))
    std::fprintf(stderr, "plot %s frame (%.0f,%.0f)-(%.0f,%.0f) area (%.0f,%.0f)-(%.0f,%.0f) header %.0f\n",
                 m_config.title ? m_config.title : "-", m_frameMin.x, m_frameMin.y, m_frameMax.x, m_frameMax.y, m_tf.min.x,
                 m_tf.min.y, m_tf.max.x, m_tf.max.y, m_headerBottom);

  ImDrawList* dl = ImGui::GetWindowDrawList();
  const Colors c = themeColors();
  // No fill behind the plot area: its frame and grid set it apart, and on a software rasterizer a fill the size of
  // the plot is a tenth of the cost of redrawing a canvas of plots, for a tint a projector washes out anyway.
  drawAxes(dl, c);
  dl->PushClipRect(m_tf.min, m_tf.max, true);
  m_textRects.clear();
  for (const Series& s : m_series) drawSeries(dl, s, c);
  dl->PopClipRect();
  dl->AddRect(m_tf.min, m_tf.max, c.frame, 0.0f, 0, std::max(1.0f, std::round(m_config.scale)));
  if (!m_hasData && m_config.emptyText && m_config.emptyText[0]) {
    // Wrapped to the plot area and centred in it.
    const float font = ImGui::GetFontSize();
    wrapTextLines(ImGui::GetFont(), font, m_config.emptyText, nullptr, m_tf.max.x - m_tf.min.x - font, m_titleScratch);
    float y = std::floor(0.5f * (m_tf.min.y + m_tf.max.y - float(m_titleScratch.size()) * font));
    for (const TextLine& l : m_titleScratch) {
      const float w = ImGui::CalcTextSize(l.begin, l.end).x;
      dl->AddText(ImVec2(std::floor(0.5f * (m_tf.min.x + m_tf.max.x - w)), y), c.textDim, l.begin, l.end);
      y += font;
    }
  }
  if (m_config.legend) drawLegend(dl, c);
  if (m_config.probe)
    m_config.probe->plotAreas.push_back(
        {m_config.title ? m_config.title : "plot", m_tf.min, m_tf.max, ImGui::GetFontSize(), !m_config.tickLabels});
  if (g_needSink) {
    // What this plot needs around its data, for the panel it is drawn in (copied into buffers that keep their room).
    PlotNeed& n = g_needSink->need;
    const float font = ImGui::GetFontSize();
    ++g_needSink->reports;
    n.font = font;
    n.scale = m_config.scale;
    if (m_config.title)
      n.title.assign(m_config.title, labelEnd(m_config.title));
    else
      n.title.clear();
    n.xLabel.assign(m_config.x.label ? m_config.x.label : "");
    n.yLabel = m_config.y.label != nullptr;
    n.yLabelW = m_config.y.label ? ImGui::CalcTextSize(m_config.y.label).x : 0.0f;
    n.entryW.clear();
    if (m_config.legend)
      for (std::size_t i = 0; i < m_series.size(); ++i)
        if (isLegendEntry(i))
          n.entryW.push_back(1.6f * font + px(6.0f) + ImGui::CalcTextSize(m_series[i].label, labelEnd(m_series[i].label)).x);
    n.categories = m_config.x.categories ? m_config.x.categoryCount : 0;
    g_needSink->frame = ImVec2(m_frameMax.x - m_frameMin.x, m_frameMax.y - m_frameMin.y);
  }
  drawHover(dl, c);
}

// [SECTION] The weight plane

float Plot::heightForSquare(float width, float maxHeight) const {
  const float frameW = m_frameMax.x - m_frameMin.x, frameH = m_frameMax.y - m_frameMin.y;
  const float dataW = m_tf.max.x - m_tf.min.x, dataH = m_tf.max.y - m_tf.min.y;
  if (!(frameW > 1.0f && frameH > 1.0f && dataW > 1.0f && dataH > 1.0f)) return maxHeight;
  // The room around the data: the tick column and padding across, the title and tick rows down.
  const float across = frameW - dataW - m_aspectCut.x, down = frameH - dataH - m_aspectCut.y;
  return std::min(maxHeight, std::ceil(std::max(width - across, 1.0f) + down));
}

PlotConfig weightPlaneConfig(PlotConfig base, double half, const char* title, ImVec2 size) {
  base.title = title;
  base.tickLabels = std::min(size.x, size.y) >= 11.0f * ImGui::GetFontSize();
  base.x.label = base.y.label = nullptr;  // named at the ends of the axes by weightPlaneAxes(): no rows spent on them
  base.x.min = base.y.min = -half;
  base.x.max = base.y.max = half;
  base.x.integer = base.y.integer = true;
  base.equalAspect = true;
  base.legend = false;
  base.hover = false;
  base.emptyText = nullptr;
  return base;
}

void weightPlaneAxes(Plot& plot, double half, float alpha, ImU32 color) {
  SeriesStyle axis;
  axis.color = color ? color : ImGui::GetColorU32(ImGuiCol_Text, alpha);
  axis.weight = 1.0f;
  plot.vline("##w1=0", 0.0, axis);
  plot.hline("##w2=0", 0.0, axis);
  // The axes' names where they end: w₁ at the right above its axis, w₂ at the top right of its axis.
  const ImU32 col = color ? color : ImGui::GetColorU32(ImGuiCol_Text, std::min(1.0f, alpha + 0.3f));
  plot.text(half, 0.0, "w₁", ImVec2(1.0f, 1.0f), col);
  plot.text(0.0, half, "w₂", ImVec2(-0.25f, 0.0f), col);
}

}  // namespace nr::app
