// The canvas layout kit: see canvas_layout.h.
//
// [SECTION] Arrangement (pure)
// [SECTION] The ImGui driver


#include "widgets/canvas_layout.h"

#include <imgui_internal.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cmath>
#include <numeric>

#include "widgets/layout_probe.h"
#include "widgets/text_wrap.h"

namespace nr::app {

// [SECTION] Arrangement (pure)

namespace {

/// A place being sized: its minimum and preferred shape (of a tab group: the largest minimum and the first
/// member's shape).
struct Slot {
  float minW, minH, aspect, weight;
  float strip = 0;  // tab strip height (a group)
  const std::vector<PanelBox>* panels = nullptr;
  const std::vector<int>* members = nullptr;  // the panels in this place
};

/// The least height of a place `w` wide: its static minimum, or more where a member's content needs it at w.
float minHeightAt(const Slot& s, float w) {
  float h = s.minH;
  if (s.panels && s.members)
    for (int m : *s.members) {
      const PanelBox& p = (*s.panels)[std::size_t(m)];
      if (p.minHAt) h = std::max(h, std::ceil(p.minHAt(w)) + s.strip);
    }
  return h;
}

/// The aspect a panel of "any shape" is sized for: a usual plot.
constexpr float kAnyAspect = 1.5f;

/// Splits `total` among items with minimums `lo` and desired sizes proportional to `want`: item i gets
/// max(lo_i, s·want_i) with s chosen so the sizes sum to total (water filling). Needs Σlo <= total.
void share(const std::vector<float>& lo, const std::vector<float>& want, float total, std::vector<float>& out) {
  const std::size_t n = lo.size();
  out.assign(n, 0.0f);
  auto sum = [&](double s) {
    double t = 0;
    for (std::size_t i = 0; i < n; ++i) t += std::max<double>(lo[i], s * want[i]);
    return t;
  };
  double a = 0, b = 1;
  while (sum(b) < total && b < 1e12) b *= 2;
  for (int it = 0; it < 60; ++it) {
    const double m = 0.5 * (a + b);
    (sum(m) < total ? a : b) = m;
  }
  for (std::size_t i = 0; i < n; ++i) out[i] = float(std::max<double>(lo[i], b * want[i]));
}

/// Usable area of a panel of preferred shape `aspect` in a w × h cell: the largest rectangle of that shape inside
/// it (any shape uses the whole cell).
double usableArea(float w, float h, float aspect) {
  if (w <= 0 || h <= 0) return 0.0;
  if (aspect <= 0) return double(w) * h;
  const double fw = std::min<double>(w, aspect * h);
  return fw * (fw / aspect);
}

struct Candidate {
  bool ok = false;
  double score = -1e300;
  bool columns = false;
  std::vector<LayoutRect> rects;
};

/// Sizes the slots cut into consecutive lines (rows, or columns when `columns`) of the given lengths.
Candidate sizeLines(const std::vector<Slot>& slots, const std::vector<int>& lineLengths, bool columns, float W,
                    float H, float gap) {
  Candidate c;
  c.columns = columns;
  // Work as if lines were rows; for columns swap the roles of x and y (and use 1/aspect).
  const float across = columns ? H : W, along = columns ? W : H;
  // Static minimums; a height that depends on the width is taken where the width is known (rows: the widths are
  // shared before the heights, and do not depend on them; columns: the column's width is its extent).
  auto minAcross = [&](const Slot& s) { return columns ? s.minH : s.minW; };
  auto minAlong = [&](const Slot& s) { return columns ? s.minW : s.minH; };
  auto shape = [&](const Slot& s) {  // extent across per unit extent along
    const float a = s.aspect > 0 ? s.aspect : kAnyAspect;
    return columns ? 1.0f / a : a;
  };
  const int lines = static_cast<int>(lineLengths.size());
  std::vector<float> lineMin(lines), lineWant(lines);
  std::vector<float> lo, want, widths;
  int first = 0;
  for (int l = 0; l < lines; ++l) {
    float minA = 0, sumMinAcross = 0, sumShape = 0, sumWeight = 0;
    for (int i = first; i < first + lineLengths[l]; ++i) {
      minA = std::max(minA, minAlong(slots[i]));
      sumMinAcross += minAcross(slots[i]);
      sumShape += shape(slots[i]);
      sumWeight += slots[i].weight;
    }
    const float space = across - gap * float(lineLengths[l] - 1);
    if (sumMinAcross > space + 0.5f) return c;
    if (!columns) {
      // A row: its panels' widths (shared by shape), then the heights they need at those widths.
      lo.clear();
      want.clear();
      for (int i = first; i < first + lineLengths[l]; ++i) {
        lo.push_back(slots[i].minW);
        want.push_back(shape(slots[i]));
      }
      share(lo, want, space, widths);
      for (int k = 0; k < lineLengths[l]; ++k) minA = std::max(minA, minHeightAt(slots[first + k], std::floor(widths[k])));
    }
    lineMin[l] = minA;
    // The extent at which the line's panels, at their shapes, fill it across, times their total weight: a line of
    // one light panel does not get more room than a line of two important ones just because it is alone.
    lineWant[l] = space / sumShape * sumWeight;
    first += lineLengths[l];
  }
  const float alongSpace = along - gap * float(lines - 1);
  if (std::accumulate(lineMin.begin(), lineMin.end(), 0.0f) > alongSpace + 0.5f) return c;
  std::vector<float> extent;
  share(lineMin, lineWant, alongSpace, extent);

  // Whole pixels: positions are floored, and the last line/place takes what rounding left.
  c.rects.resize(slots.size());
  float pos = 0;
  first = 0;
  for (int l = 0; l < lines; ++l) {
    const float start = std::floor(pos);
    const float end = l + 1 == lines ? along : std::floor(pos + extent[l]);
    const float ext = end - start;
    lo.clear();
    want.clear();
    float sumLo = 0;
    for (int i = first; i < first + lineLengths[l]; ++i) {
      // A column's panels are as wide as the column: their heights as needed at that width.
      lo.push_back(columns ? minHeightAt(slots[i], ext) : minAcross(slots[i]));
      want.push_back(shape(slots[i]) * ext);
      sumLo += lo.back();
    }
    if (sumLo > across - gap * float(lineLengths[l] - 1) + 0.5f) return c;
    share(lo, want, across - gap * float(lineLengths[l] - 1), widths);
    float p = 0;
    for (int k = 0; k < lineLengths[l]; ++k) {
      const float a0 = std::floor(p), a1 = k + 1 == lineLengths[l] ? across : std::floor(p + widths[k]);
      LayoutRect& r = c.rects[first + k];
      if (columns)
        r = {start, a0, ext, a1 - a0};
      else
        r = {a0, start, a1 - a0, ext};
      p += widths[k] + gap;
    }
    pos += extent[l] + gap;
    first += lineLengths[l];
  }
  // Feasible only if every place, after rounding, still holds its minimum (and a group its strip).
  c.score = 0;
  for (std::size_t i = 0; i < slots.size(); ++i) {
    const LayoutRect& r = c.rects[i];
    if (r.w + 0.5f < slots[i].minW || r.h + 0.5f < minHeightAt(slots[i], r.w)) return c;
    c.score += slots[i].weight * std::log(std::max(usableArea(r.w, r.h - slots[i].strip, slots[i].aspect), 1.0));
  }
  c.ok = true;
  return c;
}

}  // namespace

Arrangement arrangePanels(const std::vector<PanelBox>& panels, float W, float H, float gap,
                          const TabStripHeight& stripHeight) {
  Arrangement out;
  const int n = static_cast<int>(panels.size());
  out.placeOf.assign(std::size_t(n), 0);
  if (n == 0) return out;
  // Priority order (stable: declaration order breaks ties).
  std::vector<int> order(static_cast<std::size_t>(n));
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return panels[a].priority < panels[b].priority; });

  for (int k = n; k >= 1; --k) {
    // k places: the k−1 most important panels alone, the rest together in the last.
    std::vector<std::vector<int>> members(static_cast<std::size_t>(k));
    for (int i = 0; i < k - 1; ++i) members[i] = {order[i]};
    for (int i = k - 1; i < n; ++i) members[k - 1].push_back(order[i]);
    std::vector<Slot> slots(static_cast<std::size_t>(k));
    for (int i = 0; i < k; ++i) {
      const PanelBox& head = panels[members[i][0]];
      Slot s{head.minW, head.minH, head.aspect, head.weight};
      s.panels = &panels;
      s.members = &members[std::size_t(i)];
      for (int m : members[i]) s.minW = std::max(s.minW, panels[m].minW);
      if (members[i].size() > 1) {
        float mh = 0;
        for (int m : members[i]) mh = std::max(mh, panels[m].minH);
        // The strip's height depends on the width it wraps in; the narrowest this place can be is its minimum.
        s.strip = std::ceil(stripHeight(members[i], std::min(s.minW, W)));
        s.minH = mh + s.strip;
      }
      slots[i] = s;
    }
    Candidate best;
    // Every way to cut the k places, in order, into consecutive lines: 2^(k−1) compositions, rows and columns.
    for (int columns = 0; columns < 2; ++columns)
      for (unsigned cuts = 0; cuts < (1u << (k - 1)); ++cuts) {
        std::vector<int> lengths;
        int len = 1;
        for (int i = 0; i < k - 1; ++i) {
          if (cuts & (1u << i)) {
            lengths.push_back(len);
            len = 1;
          } else {
            ++len;
          }
        }
        lengths.push_back(len);
        Candidate c = sizeLines(slots, lengths, columns == 1, W, H, gap);
        // Ties go to rows, then to fewer lines (the first found).
        if (c.ok && c.score > best.score + 1e-9) best = std::move(c);
      }
    if (!best.ok) continue;
    out.places = std::move(best.rects);
    out.members = std::move(members);
    out.columns = best.columns;
    for (int p = 0; p < k; ++p)
      for (int m : out.members[p]) out.placeOf[m] = p;
    out.contentW = W;
    out.contentH = H;
    return out;
  }
  // Not even one panel at a time fits: every panel in one place at the largest minimum, and the canvas scrolls.
  out.overflow = true;
  out.members = {order};
  float w = 0, h = 0;
  for (const PanelBox& p : panels) w = std::max(w, p.minW), h = std::max(h, p.minH);
  for (const PanelBox& p : panels)
    if (p.minHAt) h = std::max(h, std::ceil(p.minHAt(std::max(w, W))));
  if (n > 1) h += std::ceil(stripHeight(order, std::max(w, W)));
  w = std::max(w, W);
  h = std::max(h, H);
  out.places = {{0, 0, std::floor(w), std::floor(h)}};
  out.contentW = std::floor(w);
  out.contentH = std::floor(h);
  return out;
}

// [SECTION] The ImGui driver

float pictureWithTitle(const char* title, ImVec2 size) {
  const float font = ImGui::GetFontSize();
  std::vector<TextLine> lines;
  wrapTextLines(ImGui::GetFont(), font, title, nullptr, size.x, lines);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  float y = origin.y;
  for (const TextLine& l : lines) {
    const float w = ImGui::CalcTextSize(l.begin, l.end).x;
    dl->AddText(ImVec2(std::floor(origin.x + 0.5f * (size.x - w)), y), ImGui::GetColorU32(ImGuiCol_Text), l.begin, l.end);
    y += font;
  }
  y = std::ceil(y + 0.25f * font);
  const float side = std::floor(std::max(1.0f, std::min(size.x, origin.y + size.y - y)));
  ImGui::SetCursorScreenPos(ImVec2(std::floor(origin.x + 0.5f * (size.x - side)), y));
  return side;
}

void CanvasLayout::begin(float scale, LayoutProbe* probe) {
  m_entries.clear();
  m_boxes.clear();
  m_scale = scale;
  m_probe = probe;
}

void CanvasLayout::add(const PanelSpec& spec, Draw draw) { m_entries.push_back({spec, std::move(draw), {}}); }

void CanvasLayout::add(const PanelSpec& spec, Draw draw, HeightAt heightAt) {
  m_entries.push_back({spec, std::move(draw), std::move(heightAt)});
}

float CanvasLayout::tabStripHeight(const std::vector<int>& /*members*/, float /*width*/) const {
  // Always one row: tabs when they fit, else a pager (see drawTabStrip).
  const ImGuiStyle& st = ImGui::GetStyle();
  return ImGui::GetFontSize() + 2 * st.FramePadding.y + 0.5f * st.ItemSpacing.y;
}

bool CanvasLayout::tabsFit(const std::vector<int>& members, float width) const {
  const ImGuiStyle& st = ImGui::GetStyle();
  float x = 0;
  for (int m : members) x += ImGui::CalcTextSize(m_entries[std::size_t(m)].spec.tab).x + 2 * st.FramePadding.x;
  return x + st.ItemInnerSpacing.x * float(members.size() - 1) <= width;
}

std::string CanvasLayout::selectedTab(int place) const {
  if (place < 0 || place >= static_cast<int>(m_arr.members.size())) return {};
  const std::vector<int>& g = m_arr.members[std::size_t(place)];
  // The most recently picked member of the group, else its most important one.
  for (auto it = m_selected.rbegin(); it != m_selected.rend(); ++it)
    for (int m : g)
      if (*it == m_entries[std::size_t(m)].spec.id) return *it;
  return m_entries[std::size_t(g[0])].spec.id;
}

void CanvasLayout::pick(const char* id) {
  m_selected.erase(std::remove(m_selected.begin(), m_selected.end(), std::string(id)), m_selected.end());
  m_selected.emplace_back(id);
}

void CanvasLayout::drawTabStrip(int place, const LayoutRect& r, ImVec2 origin) {
  const std::vector<int>& g = m_arr.members[std::size_t(place)];
  const ImGuiStyle& st = ImGui::GetStyle();
  const float rowH = ImGui::GetFontSize() + 2 * st.FramePadding.y;
  const std::string shown = selectedTab(place);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
  // One clickable tab-shaped box with its (possibly shortened) name; returns true when clicked.
  auto tab = [&](const char* id, const char* label, ImVec2 p0, float w, bool selected) {
    const ImVec2 p1(p0.x + w, p0.y + rowH);
    ImGui::SetCursorScreenPos(p0);
    ImGui::PushID(id);
    const bool clicked = ImGui::InvisibleButton("##tab", ImVec2(w, rowH));
    const bool hovered = ImGui::IsItemHovered();
    ImGui::PopID();
    dl->AddRectFilled(p0, p1, ImGui::GetColorU32(selected ? ImGuiCol_TabActive : hovered ? ImGuiCol_TabHovered : ImGuiCol_Tab),
                      st.TabRounding);
    const ImVec2 ts = ImGui::CalcTextSize(label);
    const ImVec2 tp(p0.x + st.FramePadding.x, p0.y + st.FramePadding.y);
    if (ts.x + 2 * st.FramePadding.x <= w + 0.5f) {
      dl->AddText(tp, text, label);
    } else {
      const float right = p1.x - st.FramePadding.x;
      drawEllipsized(dl, tp, right, label);
      if (hovered) ImGui::SetTooltip("%s", label);
      if (m_probe) m_probe->shortened.push_back({label});
    }
    return clicked;
  };
  const ImVec2 p0(origin.x + r.x, origin.y + r.y);
  if (tabsFit(g, r.w)) {
    float x = 0;
    for (int m : g) {
      const PanelSpec& spec = m_entries[std::size_t(m)].spec;
      const float w = ImGui::CalcTextSize(spec.tab).x + 2 * st.FramePadding.x;
      if (tab(spec.id, spec.tab, ImVec2(p0.x + x, p0.y), w, shown == spec.id)) pick(spec.id);
      x += w + st.ItemInnerSpacing.x;
    }
  } else {
    // Too many names for one row: a pager, ◀ the shown panel's name (k/n) ▶.
    int k = 0;
    for (int i = 0; i < static_cast<int>(g.size()); ++i)
      if (m_entries[std::size_t(g[std::size_t(i)])].spec.id == shown) k = i;
    const int n = static_cast<int>(g.size());
    const float arrow = rowH;
    char label[160];
    std::snprintf(label, sizeof label, "%s  %d/%d", m_entries[std::size_t(g[std::size_t(k)])].spec.tab, k + 1, n);
    if (tab("##prev", "◀", p0, arrow, false)) pick(m_entries[std::size_t(g[std::size_t((k + n - 1) % n)])].spec.id);
    const float midW = std::max(1.0f, r.w - 2 * arrow - 2 * st.ItemInnerSpacing.x);
    tab("##name", label, ImVec2(p0.x + arrow + st.ItemInnerSpacing.x, p0.y), midW, true);
    if (tab("##next", "▶", ImVec2(p0.x + r.w - arrow, p0.y), arrow, false))
      pick(m_entries[std::size_t(g[std::size_t((k + 1) % n)])].spec.id);
  }
  // A rule under the strip ties it to the panel below.
  const float lineY = std::floor(p0.y + rowH) + 0.5f;
  dl->AddLine(ImVec2(p0.x, lineY), ImVec2(p0.x + r.w, lineY), ImGui::GetColorU32(ImGuiCol_TabActive),
              std::max(1.0f, std::round(m_scale)));
}

void CanvasLayout::arrange(ImVec2 avail, float gap) {
  const float font = ImGui::GetFontSize();
  const ImGuiStyle& st = ImGui::GetStyle();
  const TabStripHeight strip = [this](const std::vector<int>& g, float w) { return tabStripHeight(g, w); };
  // A panel that drew one plot gets at least what that plot needs at the width it would have (longer titles and
  // legends wrap onto more lines on a narrower panel), plus what its other content took: every name in full if
  // that fits, else as the plot squeezes itself (names shortened); only then does the canvas scroll.
  for (int pass = 0; pass < 2; ++pass) {
    const bool compact = pass == 1;
    m_boxes.clear();
    for (const Entry& e : m_entries) {
      m_boxes.push_back({std::ceil(e.spec.minW * font), std::ceil(e.spec.minH * font), e.spec.aspect, e.spec.weight,
                         e.spec.priority, {}});
      const auto it = m_needs.find(e.spec.id);
      if (it != m_needs.end() && it->second.valid) {
        const Need* n = &it->second;
        m_boxes.back().minHAt = [n, compact](float w) {
          return plotMinFrameHeight(n->sink.need, w - n->extra.x, compact) + n->extra.y;
        };
      } else if (e.heightAt) {
        m_boxes.back().minHAt = e.heightAt;
      }
    }
    m_arr = arrangePanels(m_boxes, std::floor(avail.x), std::floor(avail.y), gap, strip);
    if (m_arr.overflow && m_arr.contentH > std::floor(avail.y))  // a vertical scroll bar takes its width
      m_arr = arrangePanels(m_boxes, std::floor(avail.x - st.ScrollbarSize), std::floor(avail.y), gap, strip);
    if (!m_arr.overflow) break;
  }
}

void CanvasLayout::drawPlace(std::size_t p, ImVec2 base) {
  const LayoutRect& r = m_arr.places[p];
  const std::vector<int>& g = m_arr.members[p];
  float top = 0;
  int shownPanel = g[0];
  if (g.size() > 1) {
    drawTabStrip(static_cast<int>(p), r, base);
    top = std::ceil(tabStripHeight(g, r.w));
    const std::string sel = selectedTab(static_cast<int>(p));
    for (int m : g)
      if (sel == m_entries[std::size_t(m)].spec.id) shownPanel = m;
  }
  for (int m : g) {
    const Entry& e = m_entries[std::size_t(m)];
    const bool shown = m == shownPanel;
    const ImVec2 p0(base.x + r.x, base.y + r.y + top), size(r.w, r.h - top);
    if (m_probe)
      m_probe->panels.push_back({e.spec.id, shown ? p0 : ImVec2(0, 0),
                                 shown ? ImVec2(p0.x + size.x, p0.y + size.y) : ImVec2(0, 0),
                                 m_boxes[std::size_t(m)].minW, m_boxes[std::size_t(m)].minH, shown, g.size() > 1});
    if (shown) drawPanel(e, p0, size);
  }
}

void CanvasLayout::drawPanel(const Entry& e, ImVec2 p0, ImVec2 size) {
  // The panel's own child window of exactly `size`; while it draws, its plots report what they need.
  ImGui::SetCursorScreenPos(p0);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  const ImGuiWindowFlags flags =
      ImGuiWindowFlags_NoBackground |
      (e.spec.scroll ? 0 : ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  const bool open = ImGui::BeginChild(e.spec.id, size, false, flags);
  ImGui::PopStyleVar();
  Need& need = m_needs[e.spec.id];
  need.sink.reports = 0;
  setPlotNeedSink(&need.sink);
  if (open) e.draw(size);
  setPlotNeedSink(nullptr);
  if (open) {
    // Exactly one plot: its need counts (the content's height beside it from the cursor's extent).
    const ImGuiWindow* w = ImGui::GetCurrentWindow();
    const float used = w->DC.CursorMaxPos.y - w->DC.CursorStartPos.y;
    need.valid = need.sink.reports == 1 && !e.spec.scroll;
    need.extra = ImVec2(std::max(0.0f, size.x - need.sink.frame.x), std::max(0.0f, used - need.sink.frame.y));
  }
  ImGui::EndChild();
}

void CanvasLayout::end() {
  const float font = ImGui::GetFontSize();
  const ImGuiStyle& st = ImGui::GetStyle();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float gap = std::floor(st.ItemSpacing.x * 1.5f);
  arrange(avail, gap);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  if (std::getenv("NR_DEBUG_CANVAS")) {
    std::fprintf(stderr, "canvas %.0f x %.0f gap %.0f font %.0f:", avail.x, avail.y, gap, font);
    for (const PanelBox& b : m_boxes) std::fprintf(stderr, " [%.0fx%.0f a%.2f]", b.minW, b.minH, b.aspect);
    std::fprintf(stderr, " -> %zu places%s\n", m_arr.places.size(), m_arr.overflow ? " OVERFLOW" : "");
  }

  // On overflow the places get a scrolling region of their own, so nothing is cut off for good.
  if (m_arr.overflow)
    ImGui::BeginChild("##overflow", avail, false, ImGuiWindowFlags_HorizontalScrollbar | ImGuiWindowFlags_NoBackground);
  const ImVec2 base = m_arr.overflow ? ImGui::GetCursorScreenPos() : origin;
  for (std::size_t p = 0; p < m_arr.places.size(); ++p) drawPlace(p, base);
  // Each child window was an item of its exact size, so the content region is exactly covered: no scrolling.
  if (m_arr.overflow) ImGui::EndChild();
}

}  // namespace nr::app
