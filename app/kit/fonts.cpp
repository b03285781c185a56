#include "kit/fonts.h"

#include <cmath>

#include "nr/file_io.h"
#include "widgets/disc_sprites.h"

namespace nr::app {

void FontLibrary::locate(const FontFiles& files) {
  if (m_located) return;
  m_located = true;
  if (!files.error.empty()) {
    m_message = files.error + "; using the built-in font (English only)";
    return;
  }
  if (!files.latin.empty()) {
    try {
      m_latinData = core::readFile(files.latin);
    } catch (const core::FileError&) {
      m_latinData.clear();
    }
  }
  if (!files.cjk.empty()) {
    try {
      m_cjkData = core::readFile(files.cjk);
      m_cjkIndex = files.cjkIndex;
    } catch (const core::FileError&) {
      m_cjkData.clear();
    }
  }
  if (m_cjkData.empty())
    m_message = "No Chinese font found (Noto Sans CJK SC); install the package fonts-noto-cjk. Staying in English.";
  else if (m_latinData.empty())
    m_message = "DejaVu Sans not found (package fonts-dejavu-core); using Noto Sans CJK for all text.";
}

FontSet FontLibrary::build(ImFontAtlas* atlas, float pixelSize, const Translator& tr, const std::string& headingText,
                          int maxTextureSize) const {
  atlas->Clear();
  FontSet set;
  // Glyph ranges: Basic Latin + Latin-1 always, plus every character of every catalog (Greek, math symbols, accents,
  // Chinese): the languages whose names are written in CJK characters (kit/text_catalog.h) ask the CJK font first, the
  // others the Latin one (a glyph a font lacks is left to the next). ImGui keeps a pointer to the ranges, so they
  // live in the atlas' lifetime: a static per process.
  static ImVector<ImWchar> latinRanges, cjkRanges, headLatinRanges, headCjkRanges;
  latinRanges.clear();
  cjkRanges.clear();
  headLatinRanges.clear();
  headCjkRanges.clear();
  {
    ImFontGlyphRangesBuilder b;
    b.AddRanges(atlas->GetGlyphRangesDefault());
    b.AddText(headingText.c_str());
    b.BuildRanges(&headLatinRanges);
  }
  std::string latinText, cjkText;
  for (const TextCatalog& c : tr.languages()) (c.usesCjkFont() ? cjkText : latinText) += tr.allText(c.code);
  {
    ImFontGlyphRangesBuilder b;
    b.AddRanges(atlas->GetGlyphRangesDefault());
    b.AddText(latinText.c_str());
    // Symbols of formulas written in code rather than in the table (U+0302 is the combining hat of x̂).
    b.AddText("μσγβεΣ√±×·−–—²³½∞∈≤≥≈→←↑↓…°‖ⁿₖ₁₂₀λαρ∂∇⊙ŵᵢᵖᵀθηχ∑Δτ⌊⌋δ⇔⁻¹∝≠\u0302☰▲▼◀▶");
    b.BuildRanges(&latinRanges);
  }
  const bool useCjk = !m_cjkData.empty();
  if (useCjk) {
    ImFontGlyphRangesBuilder b;
    b.AddText(cjkText.c_str());
    b.AddText(latinText.c_str());  // what the Latin font lacks (the Chinese terms of the English glossary)
    b.BuildRanges(&cjkRanges);
    ImFontGlyphRangesBuilder h;
    h.AddText(headingText.c_str());
    h.BuildRanges(&headCjkRanges);
  }

  auto addFace = [&](float size, const ImVector<ImWchar>& latinRanges, const ImVector<ImWchar>& cjkRanges) -> ImFont* {
    ImFont* font = nullptr;
    if (!m_latinData.empty()) {
      ImFontConfig cfg;
      cfg.FontDataOwnedByAtlas = false;  // the library keeps the bytes; the atlas only borrows them
      cfg.OversampleH = 2;
      font = atlas->AddFontFromMemoryTTF(const_cast<char*>(m_latinData.data()), static_cast<int>(m_latinData.size()),
                                         size, &cfg, latinRanges.Data);
    }
    if (useCjk) {
      ImFontConfig cfg;
      cfg.FontDataOwnedByAtlas = false;
      cfg.FontNo = m_cjkIndex;
      cfg.OversampleH = 1;  // thousands of CJK glyphs: keep the atlas small
      cfg.MergeMode = font != nullptr;
      // Noto's ideographs look small beside DejaVu's Latin at one pixel size: draw them a little larger, on the
      // same baseline.
      const float cjkSize = font ? std::round(size * 1.12f) : size;
      if (font) cfg.GlyphOffset.y = -std::round(size * 0.04f);
      ImFont* f = atlas->AddFontFromMemoryTTF(const_cast<char*>(m_cjkData.data()), static_cast<int>(m_cjkData.size()),
                                              cjkSize, &cfg, font ? cjkRanges.Data : latinRanges.Data);
      if (!font) {
        font = f;
        // Without DejaVu the CJK face also carries the Latin text; add the Chinese range in a second pass.
        ImFontConfig merge;
        merge.FontDataOwnedByAtlas = false;
        merge.FontNo = m_cjkIndex;
        merge.OversampleH = 1;
        merge.MergeMode = true;
        atlas->AddFontFromMemoryTTF(const_cast<char*>(m_cjkData.data()), static_cast<int>(m_cjkData.size()), size,
                                    &merge, cjkRanges.Data);
      }
    }
    if (!font) {
      ImFontConfig cfg;
      cfg.SizePixels = size;
      font = atlas->AddFontDefault(&cfg);
    }
    return font;
  };
  set.body = addFace(pixelSize, latinRanges, cjkRanges);
  set.heading = headingText.empty() ? addFace(pixelSize * 1.35f, latinRanges, cjkRanges)
                                    : addFace(pixelSize * 1.35f, headLatinRanges, headCjkRanges);
  set.hasCjk = useCjk;
  addDiscSprites(atlas);
  atlas->Build();
  if (atlas->TexHeight > maxTextureSize) {
    // Would render as a black screen: fall back to Latin only at this size.
    atlas->Clear();
    ImFontConfig cfg;
    cfg.SizePixels = pixelSize;
    set.body = set.heading = atlas->AddFontDefault(&cfg);
    set.hasCjk = false;
    addDiscSprites(atlas);
    atlas->Build();
  }
  bakeDiscSprites(atlas);
  return set;
}

}  // namespace nr::app
