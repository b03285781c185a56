// The layout check: see layout_check.h.
//
// [SECTION] Reading text back from draw lists
// [SECTION] Checking one frame
// [SECTION] The command

#include "shell/layout_check.h"

#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <unordered_map>

#include "lessons/registry.h"
#include "shell/app.h"
#include "kit/fonts.h"
#include "widgets/layout_probe.h"

namespace nr::app {

// [SECTION] Reading text back from draw lists

namespace {

/// The glyphs of an atlas, found by the atlas rectangle a quad samples: a glyph quad samples its glyph's whole
/// rectangle, or (cut by a fine CPU clip) a part of it. Atlas rectangles do not overlap, so the glyph is unique.
class GlyphIndex {
 public:
  explicit GlyphIndex(const ImFontAtlas* atlas) {
    for (const ImFont* font : atlas->Fonts)
      for (const ImFontGlyph& g : font->Glyphs)
        if (g.Visible && g.U1 > g.U0 && g.V1 > g.V0)
          for (int cy = cell(g.V0); cy <= cell(g.V1); ++cy)
            for (int cx = cell(g.U0); cx <= cell(g.U1); ++cx) m_cells[key(cx, cy)].push_back(&g);
  }
  /// The glyph whose atlas rectangle contains [u0,u1]×[v0,v1], or nullptr.
  const ImFontGlyph* find(float u0, float v0, float u1, float v1) const {
    const float eps = 1e-6f;
    auto it = m_cells.find(key(cell(0.5f * (u0 + u1)), cell(0.5f * (v0 + v1))));
    if (it == m_cells.end()) return nullptr;
    for (const ImFontGlyph* g : it->second)
      if (u0 >= g->U0 - eps && u1 <= g->U1 + eps && v0 >= g->V0 - eps && v1 <= g->V1 + eps) return g;
    return nullptr;
  }

 private:
  static constexpr int kCells = 128;
  static int cell(float uv) { return std::clamp(static_cast<int>(uv * kCells), 0, kCells - 1); }
  static int key(int cx, int cy) { return cy * kCells + cx; }
  std::unordered_map<int, std::vector<const ImFontGlyph*>> m_cells;
};

void appendUtf8(std::string& s, unsigned c) {
  char buf[5];
  const ImWchar w[2] = {static_cast<ImWchar>(c), 0};
  ImTextStrToUtf8(buf, 5, w, nullptr);
  s += buf;
}

struct GlyphQuad {
  unsigned codepoint;
  ImVec2 min, max;  // drawn (possibly cut) quad
  ImVec2 visMin, visMax;  // its part inside the clip rectangle
  float lineTop;    // top of the text line it belongs to
  float em;         // font size it was drawn at
  bool clipped, sideways;
};

/// The four vertices of the quad drawn by the six indices from `i` of `cmd`, or nullptr when they are not an
/// axis-aligned rectangle as ImGui's PrimRectUV draws it.
const ImDrawVert* rectQuadAt(const ImDrawList* list, const ImDrawCmd& cmd, unsigned i) {
  const ImDrawIdx* idx = list->IdxBuffer.Data + cmd.IdxOffset;
  const unsigned a = idx[i] + cmd.VtxOffset;
  // PrimRectUV: vertices a..a+3 (top-left, top-right, bottom-right, bottom-left), triangles (a,a+1,a+2)
  // and (a,a+2,a+3).
  if (idx[i + 1] + cmd.VtxOffset != a + 1 || idx[i + 2] + cmd.VtxOffset != a + 2 ||
      idx[i + 3] + cmd.VtxOffset != a || idx[i + 4] + cmd.VtxOffset != a + 2 || idx[i + 5] + cmd.VtxOffset != a + 3)
    return nullptr;
  if (a + 3 >= static_cast<unsigned>(list->VtxBuffer.Size)) return nullptr;
  const ImDrawVert* v = list->VtxBuffer.Data + a;
  if (v[0].pos.y != v[1].pos.y || v[1].pos.x != v[2].pos.x || v[2].pos.y != v[3].pos.y || v[0].pos.x != v[3].pos.x)
    return nullptr;
  return v;
}

/// The glyph quad of rectangle `v` (drawn under clip rectangle `c`), or std::nullopt when it samples no glyph.
std::optional<GlyphQuad> glyphQuad(const ImDrawVert* v, const ImVec4& c, const GlyphIndex& index,
                                   const ImFontAtlas* atlas, const std::string& owner) {
  const float u0 = v[0].uv.x, v0 = v[0].uv.y, u1 = v[2].uv.x, v1 = v[2].uv.y;
  if (!(u1 > u0 && v1 > v0)) return std::nullopt;
  const ImFontGlyph* g = index.find(u0, v0, u1, v1);
  if (!g) return std::nullopt;
  GlyphQuad q;
  q.codepoint = g->Codepoint;
  q.min = v[0].pos;
  q.max = v[2].pos;
  const float eps = 1e-6f;
  // How much of the glyph a fine CPU clip cut off, in pixels: up to a pixel (the overhang of a 'T' at a
  // window's edge) is invisible and not counted.
  const float glyphW = (q.max.x - q.min.x) / std::max((u1 - u0) / (g->U1 - g->U0), 1e-6f);
  const float glyphH = (q.max.y - q.min.y) / std::max((v1 - v0) / (g->V1 - g->V0), 1e-6f);
  const bool cutX = (1.0f - (u1 - u0) / (g->U1 - g->U0)) * glyphW > 1.0f;
  const bool cutY = (1.0f - (v1 - v0) / (g->V1 - g->V0)) * glyphH > 1.0f;
  // The size it was drawn at, from an uncut side of the glyph.
  const bool wholeX = std::fabs(u0 - g->U0) <= eps && std::fabs(u1 - g->U1) <= eps;
  const bool wholeY = std::fabs(v0 - g->V0) <= eps && std::fabs(v1 - g->V1) <= eps;
  float scale = 1.0f;
  if (wholeY && g->Y1 > g->Y0)
    scale = (q.max.y - q.min.y) / (g->Y1 - g->Y0);
  else if (wholeX && g->X1 > g->X0)
    scale = (q.max.x - q.min.x) / (g->X1 - g->X0);
  const float glyphTop = q.min.y - (v0 - g->V0) / (g->V1 - g->V0) * (g->Y1 - g->Y0) * scale;
  q.lineTop = glyphTop - g->Y0 * scale;
  q.em = atlas->Fonts.Size > 0 ? scale * atlas->Fonts[0]->FontSize : 16.0f;
  for (const ImFont* f : atlas->Fonts)
    if (g >= f->Glyphs.Data && g < f->Glyphs.Data + f->Glyphs.Size) q.em = scale * f->FontSize;
  const bool outX = q.min.x < c.x - 1.0f || q.max.x > c.z + 1.0f;
  const bool outY = q.min.y < c.y - 1.0f || q.max.y > c.w + 1.0f;
  q.clipped = cutX || cutY || outX || outY;
  // What shows is the part inside the clip rectangle: overlaps are judged on that.
  q.visMin = ImVec2(std::max(q.min.x, c.x), std::max(q.min.y, c.y));
  q.visMax = ImVec2(std::min(q.max.x, c.z), std::min(q.max.y, c.w));
  if (q.clipped && std::getenv("NR_DEBUG_LAYOUT"))
    std::fprintf(stderr, "clip U+%04X quad (%.1f,%.1f)-(%.1f,%.1f) clip (%.1f,%.1f)-(%.1f,%.1f) cut %d%d out %d%d %s\n",
                 q.codepoint, q.min.x, q.min.y, q.max.x, q.max.y, c.x, c.y, c.z, c.w, cutX, cutY, outX, outY,
                 owner.c_str());
  q.sideways = cutX || outX;
  return q;
}

/// The glyph quads one draw command of `list` draws from the atlas, in drawing order.
std::vector<GlyphQuad> glyphQuads(const ImDrawList* list, const ImDrawCmd& cmd, const GlyphIndex& index,
                                  const ImFontAtlas* atlas, const std::string& owner) {
  std::vector<GlyphQuad> quads;
  for (unsigned i = 0; i + 6 <= cmd.ElemCount; i += 6) {
    const ImDrawVert* v = rectQuadAt(list, cmd, i);
    if (!v) continue;
    if (std::optional<GlyphQuad> q = glyphQuad(v, cmd.ClipRect, index, atlas, owner)) quads.push_back(*q);
  }
  return quads;
}

/// Appends the runs of `quads` (one draw command's glyphs, drawn in window `owner`) to `runs`.
void appendRuns(const std::vector<GlyphQuad>& quads, const std::string& owner, std::vector<TextRun>& runs) {
  // Consecutive glyphs on one line, close together, make a run.
  for (std::size_t k = 0; k < quads.size(); ++k) {
    const GlyphQuad& q = quads[k];
    const bool joins = !runs.empty() && k > 0 && std::fabs(q.lineTop - quads[k - 1].lineTop) < 1.0f &&
                       q.min.x >= quads[k - 1].min.x - 1.0f && q.min.x <= quads[k - 1].max.x + 0.7f * q.em;
    if (!joins) {
      TextRun r;
      r.min = q.min;
      r.max = q.max;
      r.visMin = q.visMin;
      r.visMax = q.visMax;
      r.window = owner;
      runs.push_back(r);
    } else if (q.min.x - quads[k - 1].max.x > 0.15f * q.em) {
      runs.back().text += ' ';  // ImGui draws no quad for a space
    }
    TextRun& r = runs.back();
    appendUtf8(r.text, q.codepoint);
    r.min = ImVec2(std::min(r.min.x, q.min.x), std::min(r.min.y, q.min.y));
    r.max = ImVec2(std::max(r.max.x, q.max.x), std::max(r.max.y, q.max.y));
    r.visMin = ImVec2(std::min(r.visMin.x, q.visMin.x), std::min(r.visMin.y, q.visMin.y));
    r.visMax = ImVec2(std::max(r.visMax.x, q.visMax.x), std::max(r.visMax.y, q.visMax.y));
    r.clipped |= q.clipped;
    r.clippedSideways |= q.sideways;
  }
}

}  // namespace

std::vector<TextRun> readTextRuns(const ImDrawData* dd, const ImFontAtlas* atlas) {
  std::vector<TextRun> runs;
  const GlyphIndex index(atlas);
  for (int l = 0; l < dd->CmdListsCount; ++l) {
    const ImDrawList* list = dd->CmdLists[l];
    const std::string owner = list->_OwnerName ? list->_OwnerName : "";
    for (const ImDrawCmd& cmd : list->CmdBuffer) {
      if (cmd.UserCallback || cmd.TextureId != atlas->TexID) continue;
      appendRuns(glyphQuads(list, cmd, index, atlas, owner), owner, runs);
    }
  }
  return runs;
}

// [SECTION] Checking one frame

namespace {

/// Whether the window (by its ImGui name) scrolls vertically: text leaving it at the top or bottom is scrolled
/// out of view, not lost.
bool scrollsVertically(const std::string& name) {
  ImGuiWindow* w = ImGui::FindWindowByName(name.c_str());
  for (; w; w = w->ParentWindow)
    if (w->ScrollMax.y > 0.0f) return true;
  return false;
}

}  // namespace

void inspectFrame(const ImDrawData* dd, const ImFontAtlas* atlas, const LayoutProbe& probe,
                  std::vector<LayoutViolation>& out) {
  std::vector<TextRun> runs = readTextRuns(dd, atlas);
  runs.erase(std::remove_if(runs.begin(), runs.end(), [](const TextRun& r) { return r.window == "##toasts"; }),
             runs.end());
  for (const TextRun& r : runs)
    if (r.clippedSideways || (r.clipped && !scrollsVertically(r.window))) out.push_back({"clipped", r.text, r.window});
  // Overlaps: ink boxes that share more than a pixel both ways (a descender touching the next line is not one).
  for (std::size_t i = 0; i < runs.size(); ++i)
    for (std::size_t j = i + 1; j < runs.size(); ++j) {
      const TextRun& a = runs[i];
      const TextRun& b = runs[j];
      const float ox = std::min(a.visMax.x, b.visMax.x) - std::max(a.visMin.x, b.visMin.x);
      const float oy = std::min(a.visMax.y, b.visMax.y) - std::max(a.visMin.y, b.visMin.y);
      if (ox > 1.5f && oy > 1.5f) {
        out.push_back({"overlap", a.text + " | " + b.text, a.window});
        if (std::getenv("NR_DEBUG_LAYOUT"))
          std::fprintf(stderr, "overlap '%s' (%.0f,%.0f)-(%.0f,%.0f) with '%s' (%.0f,%.0f)-(%.0f,%.0f)\n", a.text.c_str(),
                       a.min.x, a.min.y, a.max.x, a.max.y, b.text.c_str(), b.min.x, b.min.y, b.max.x, b.max.y);
      }
    }
  for (const LayoutProbe::Panel& p : probe.panels) {
    if (p.shown && (p.max.x - p.min.x < p.minW - 0.5f || p.max.y - p.min.y < p.minH - 0.5f)) {
      char buf[160];
      std::snprintf(buf, sizeof buf, "%s: %.0f x %.0f px, minimum %.0f x %.0f", p.id.c_str(), p.max.x - p.min.x,
                    p.max.y - p.min.y, p.minW, p.minH);
      out.push_back({"small-panel", buf, ""});
    }
    if (!p.shown && !p.tabbed) out.push_back({"dropped", p.id, ""});
  }
  for (const std::string& d : probe.dropped) out.push_back({"dropped", d, ""});
  // A plot whose data area is a sliver (its title, legend and axes took the panel) shows nothing readable.
  for (const LayoutProbe::PlotArea& a : probe.plotAreas)
    if (a.max.y - a.min.y < 3.0f * a.font - 0.5f || a.max.x - a.min.x < (a.bare ? 3.0f : 5.0f) * a.font - 0.5f) {
      char buf[200];
      std::snprintf(buf, sizeof buf, "%s: data area %.0f x %.0f px at a %.0f px font", a.plot.c_str(), a.max.x - a.min.x,
                    a.max.y - a.min.y, a.font);
      out.push_back({"squashed-plot", buf, ""});
    }
  for (const std::string& w : probe.brokenWords) out.push_back({"broken-word", w, ""});
  for (const LayoutProbe::Legend& lg : probe.legends)
    if (lg.pointsUnder > 0) out.push_back({"legend-over-data", lg.plot + ": " + std::to_string(lg.pointsUnder) + " points", ""});
}

std::vector<LessonLayoutResult> checkLayout(const LayoutCheckOptions& opt) {
  std::vector<LessonLayoutResult> results;
  ImGuiContext* previous = ImGui::GetCurrentContext();
  ImGuiContext* context = ImGui::CreateContext();
  ImGui::SetCurrentContext(context);
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.DisplaySize = ImVec2(static_cast<float>(opt.width), static_cast<float>(opt.height));
  io.DeltaTime = 1.0f / 60.0f;
  {
    AppOptions ao;
    ao.lang = opt.lang;
    ao.scale = opt.scale;
    ao.persistent = false;
    ao.hasGraphics = false;
    ao.presenter = opt.presenter;
    App app(ao);
    FontLibrary fonts;
    fonts.locate(opt.fonts);
    const FontSet set = fonts.build(io.Fonts, std::round(kBaseFontPx * opt.scale), app.translator(), app.headingText());
    io.FontDefault = set.body;
    app.setFonts(set);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    app.setCjkAvailable(set.hasCjk, fonts.message());
    LayoutProbe probe;
    app.setProbe(&probe);
    io.UserData = &probe;
    for (int i = 0; i < app.lessonCount(); ++i) {
      if (!opt.lesson.empty() && opt.lesson != app.lessonAt(i).id()) continue;
      app.selectLesson(i);
      app.clearToasts();
      LessonLayoutResult r;
      r.lesson = app.lesson().id();
      // ImGui needs two frames to size new windows; the third is the one inspected.
      for (int f = 0; f < 3; ++f) {
        probe.clear();
        ImGui::NewFrame();
        app.frame(1.0 / 60.0);
        ImGui::Render();
      }
      inspectFrame(ImGui::GetDrawData(), io.Fonts, probe, r.violations);
      results.push_back(std::move(r));
    }
    app.setProbe(nullptr);
    io.UserData = nullptr;
  }
  ImGui::DestroyContext(context);
  ImGui::SetCurrentContext(previous);
  return results;
}

// [SECTION] The command

int runLayoutCheck(const LayoutCheckOptions& opt) {
  const std::vector<LessonLayoutResult> results = checkLayout(opt);
  bool any = false;
  for (const LessonLayoutResult& r : results) {
    nlohmann::json j;
    j["lesson"] = r.lesson;
    j["size"] = std::to_string(opt.width) + "x" + std::to_string(opt.height);
    j["scale"] = opt.scale;
    j["presenter"] = opt.presenter;
    j["lang"] = opt.lang;
    j["violations"] = nlohmann::json::array();
    for (const LayoutViolation& v : r.violations) {
      nlohmann::json e = {{"kind", v.kind}, {"text", v.text}};
      if (!v.where.empty()) e["where"] = v.where;
      j["violations"].push_back(e);
    }
    any |= !r.violations.empty();
    if (!opt.quiet) std::cout << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  }
  return any ? 1 : 0;
}

}  // namespace nr::app
