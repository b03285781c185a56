#include "kit/damage.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace nr::app {
namespace {

constexpr std::uint64_t kPrime = 0x100000001b3ull;

std::uint64_t hashString(const char* s) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (; s && *s; ++s) h = (h ^ static_cast<unsigned char>(*s)) * kPrime;
  return h;
}

bool same(const DamageTracker::Triangle& a, const DamageTracker::Triangle& b) {
  return std::memcmp(&a, &b, sizeof a) == 0;
}

DamageRect unite(const DamageRect& a, const DamageRect& b) {
  return {std::min(a.x0, b.x0), std::min(a.y0, b.y0), std::max(a.x1, b.x1), std::max(a.y1, b.y1)};
}

bool overlaps(const DamageRect& a, const DamageRect& b) {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

/// The pixels a triangle can touch: its bounds cut to its clip rectangle widened by a pixel (the backend truncates
/// a fractional clip rectangle to a scissor box that can reach a pixel beyond it); false when it touches none.
bool bounds(const DamageTracker::Triangle& t, DamageRect& out) {
  const ImVec2 &a = t.v[0].pos, &b = t.v[1].pos, &c = t.v[2].pos;
  out.x0 = std::max(std::min({a.x, b.x, c.x}), t.clip.x - 1.0f);
  out.y0 = std::max(std::min({a.y, b.y, c.y}), t.clip.y - 1.0f);
  out.x1 = std::min(std::max({a.x, b.x, c.x}), t.clip.z + 1.0f);
  out.y1 = std::min(std::max({a.y, b.y, c.y}), t.clip.w + 1.0f);
  return out.x0 < out.x1 && out.y0 < out.y1;
}

/// Collects the damaged rectangles: consecutive changed triangles grow one rectangle while that costs little
/// area (a curve, a line of text), else start another.
class Collector {
 public:
  explicit Collector(std::vector<DamageRect>& out) : m_out(out) {}
  void add(const DamageTracker::Triangle& t) {
    DamageRect r;
    if (!bounds(t, r)) return;
    if (m_open) {
      const DamageRect u = unite(m_cur, r);
      if (u.area() <= 1.5f * (m_cur.area() + r.area()) + 256.0f) {
        m_cur = u;
        return;
      }
      m_out.push_back(m_cur);
    }
    m_cur = r;
    m_open = true;
  }
  void close() {
    if (m_open) m_out.push_back(m_cur);
    m_open = false;
  }

 private:
  std::vector<DamageRect>& m_out;
  DamageRect m_cur;
  bool m_open = false;
};

// Rectangles that overlap become one; then the pair whose union adds the least area merges until at most
// `maxRects` remain.
void merge(std::vector<DamageRect>& rects, int maxRects) {
  for (bool changed = true; changed;) {
    changed = false;
    for (std::size_t i = 0; i < rects.size() && !changed; ++i)
      for (std::size_t j = i + 1; j < rects.size(); ++j)
        if (overlaps(rects[i], rects[j])) {
          rects[i] = unite(rects[i], rects[j]);
          rects.erase(rects.begin() + static_cast<std::ptrdiff_t>(j));
          changed = true;
          break;
        }
    if (!changed && static_cast<int>(rects.size()) > maxRects) {
      std::size_t bi = 0, bj = 1;
      float best = INFINITY;
      for (std::size_t i = 0; i < rects.size(); ++i)
        for (std::size_t j = i + 1; j < rects.size(); ++j) {
          const float growth = unite(rects[i], rects[j]).area() - rects[i].area() - rects[j].area();
          if (growth < best) best = growth, bi = i, bj = j;
        }
      rects[bi] = unite(rects[bi], rects[bj]);
      rects.erase(rects.begin() + static_cast<std::ptrdiff_t>(bj));
      changed = true;
    }
  }
}

}  // namespace

void DamageTracker::read(const ImDrawData& dd, std::uint64_t textureGeneration) {
  const ImTextureID font = ImGui::GetIO().Fonts->TexID;
  m_cur.resize(static_cast<std::size_t>(dd.CmdListsCount));
  m_callbacks = false;
  for (int l = 0; l < dd.CmdListsCount; ++l) {
    const ImDrawList& list = *dd.CmdLists[l];
    List& out = m_cur[static_cast<std::size_t>(l)];
    out.owner = hashString(list._OwnerName);
    out.tris.clear();
    for (const ImDrawCmd& cmd : list.CmdBuffer) {
      Triangle t;
      t.clip = cmd.ClipRect;
      t.texture = static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(cmd.TextureId));
      if (cmd.TextureId != font) t.texture = (t.texture ^ textureGeneration) * kPrime + textureGeneration;
      if (cmd.UserCallback) m_callbacks = true;  // draws outside the triangles: only a whole redraw is safe
      const ImDrawIdx* idx = list.IdxBuffer.Data + cmd.IdxOffset;
      const ImDrawVert* vtx = list.VtxBuffer.Data + cmd.VtxOffset;
      for (unsigned int i = 0; i + 2 < cmd.ElemCount; i += 3) {
        t.v[0] = vtx[idx[i]], t.v[1] = vtx[idx[i + 1]], t.v[2] = vtx[idx[i + 2]];
        out.tris.push_back(t);
      }
    }
  }
}

DamageTracker::Result DamageTracker::update(const ImDrawData& dd, std::uint64_t textureGeneration, bool forceFull) {
  const ImTextureID font = ImGui::GetIO().Fonts->TexID;
  read(dd, textureGeneration);
  Result r;
  const bool comparable = m_valid && !forceFull && !m_callbacks && font == m_fontTexture && dd.DisplaySize.x == m_displaySize.x &&
                          dd.DisplaySize.y == m_displaySize.y && dd.DisplayPos.x == m_displayPos.x &&
                          dd.DisplayPos.y == m_displayPos.y && m_prev.size() == m_cur.size() &&
                          std::equal(m_prev.begin(), m_prev.end(), m_cur.begin(),
                                     [](const List& a, const List& b) { return a.owner == b.owner; });
  if (comparable) {
    for (std::size_t l = 0; l < m_cur.size(); ++l) {
      const std::vector<Triangle>& a = m_prev[l].tris;
      const std::vector<Triangle>& b = m_cur[l].tris;
      const std::size_t first = r.rects.size();
      // Many scattered changes in one window (a scatter plot whose points all move, a page of new text) become its
      // bounding rectangle: merging pairs later costs the cube of their number.
      auto uniteScattered = [&] {
        if (r.rects.size() - first <= kMaxPerList) return;
        for (std::size_t i = first + 1; i < r.rects.size(); ++i) r.rects[first] = unite(r.rects[first], r.rects[i]);
        r.rects.resize(first + 1);
      };
      if (a.size() == b.size()) {
        Collector before(r.rects), after(r.rects);
        for (std::size_t i = 0; i < a.size(); ++i)
          if (!same(a[i], b[i])) before.add(a[i]), after.add(b[i]);
        before.close(), after.close();
        uniteScattered();
        continue;
      }
      // Different counts: keep the common beginning and end, the rest changed.
      std::size_t head = 0, tail = 0;
      while (head < a.size() && head < b.size() && same(a[head], b[head])) ++head;
      while (tail < a.size() - head && tail < b.size() - head && same(a[a.size() - 1 - tail], b[b.size() - 1 - tail]))
        ++tail;
      Collector before(r.rects), after(r.rects);
      for (std::size_t i = head; i < a.size() - tail; ++i) before.add(a[i]);
      for (std::size_t i = head; i < b.size() - tail; ++i) after.add(b[i]);
      before.close(), after.close();
      uniteScattered();
    }
    // Whole pixels, one pixel of margin (anti-aliased edges, rounding), inside the display.
    const float x0 = dd.DisplayPos.x, y0 = dd.DisplayPos.y;
    const float x1 = x0 + dd.DisplaySize.x, y1 = y0 + dd.DisplaySize.y;
    for (DamageRect& d : r.rects) {
      d.x0 = std::max(x0, std::floor(d.x0) - 1.0f), d.y0 = std::max(y0, std::floor(d.y0) - 1.0f);
      d.x1 = std::min(x1, std::ceil(d.x1) + 1.0f), d.y1 = std::min(y1, std::ceil(d.y1) + 1.0f);
    }
    r.rects.erase(std::remove_if(r.rects.begin(), r.rects.end(),
                                 [](const DamageRect& d) { return !(d.x0 < d.x1 && d.y0 < d.y1); }),
                  r.rects.end());
    // Changes in very many windows: one bounding rectangle (most likely a whole redraw anyway).
    if (r.rects.size() > kMaxScattered) {
      DamageRect all = r.rects[0];
      for (const DamageRect& d : r.rects) all = unite(all, d);
      r.rects.assign(1, all);
    }
    merge(r.rects, kMaxRects);
    double area = 0;
    for (const DamageRect& d : r.rects) area += d.area();
    r.fraction = area / std::max(1.0, double(dd.DisplaySize.x) * dd.DisplaySize.y);
    r.full = r.fraction > kFullShare;
  }
  if (r.full) {
    r.rects.clear();
    r.fraction = 1.0;
  }
  m_prev.swap(m_cur);
  m_displaySize = dd.DisplaySize;
  m_displayPos = dd.DisplayPos;
  m_fontTexture = font;
  m_valid = true;
  return r;
}

}  // namespace nr::app
