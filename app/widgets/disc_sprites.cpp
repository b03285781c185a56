#include "widgets/disc_sprites.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace nr::app {
namespace {

constexpr float kMinRadius = 1.0f, kMaxRadius = 16.0f, kStep = 0.5f;
constexpr int kCount = static_cast<int>((kMaxRadius - kMinRadius) / kStep) + 1;

struct Sprites {
  const ImFontAtlas* atlas = nullptr;
  const unsigned int* pixels = nullptr;  // the atlas' RGBA data when baked: a new atlas at the same address differs
  int ids[kCount] = {};
  bool baked = false;
};
Sprites g_sprites;

float radiusOf(int k) { return kMinRadius + kStep * static_cast<float>(k); }
/// The square cell of a disc: a pixel of margin around the anti-aliased edge, and an even side so the centre
/// falls on a pixel corner.
int cellOf(float radius) { return 2 * static_cast<int>(std::ceil(radius)) + 4; }

}  // namespace

void addDiscSprites(ImFontAtlas* atlas) {
  g_sprites = Sprites();
  g_sprites.atlas = atlas;
  for (int k = 0; k < kCount; ++k) {
    const int side = cellOf(radiusOf(k));
    g_sprites.ids[k] = atlas->AddCustomRectRegular(side, side);
  }
}

void bakeDiscSprites(ImFontAtlas* atlas) {
  if (g_sprites.atlas != atlas || !atlas->IsBuilt()) return;
  unsigned char* pixels = nullptr;
  int width = 0, height = 0;
  atlas->GetTexDataAsRGBA32(&pixels, &width, &height);
  if (!pixels) return;
  for (int k = 0; k < kCount; ++k) {
    const ImFontAtlasCustomRect* rect = atlas->GetCustomRectByIndex(g_sprites.ids[k]);
    if (!rect->IsPacked()) return;  // the atlas ran out of room: keep drawing polygons
    const float r = radiusOf(k), c = 0.5f * static_cast<float>(rect->Width);
    for (int y = 0; y < rect->Height; ++y)
      for (int x = 0; x < rect->Width; ++x) {
        // Coverage with ImGui's one-pixel ramp: opaque inside r − 0.5, clear outside r + 0.5.
        const float d = std::hypot(static_cast<float>(x) + 0.5f - c, static_cast<float>(y) + 0.5f - c);
        const float a = std::clamp(r + 0.5f - d, 0.0f, 1.0f);
        unsigned char* p = pixels + (static_cast<size_t>(rect->Y + y) * static_cast<size_t>(width) + rect->X + x) * 4;
        p[0] = p[1] = p[2] = 255;
        p[3] = static_cast<unsigned char>(std::lround(a * 255.0f));
      }
  }
  g_sprites.pixels = atlas->TexPixelsRGBA32;
  g_sprites.baked = true;
}

void drawDisc(ImDrawList* dl, ImVec2 centre, float radius, ImU32 colour) {
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  const int k = static_cast<int>(std::lround((radius - kMinRadius) / kStep));
  if (!g_sprites.baked || g_sprites.atlas != atlas || g_sprites.pixels != atlas->TexPixelsRGBA32 || k < 0 ||
      k >= kCount || g_sprites.ids[k] >= atlas->CustomRects.Size || dl->_CmdHeader.TextureId != atlas->TexID) {
    dl->AddCircleFilled(centre, radius, colour, radius <= 5.0f ? 8 : 12);
    return;
  }
  const ImFontAtlasCustomRect* rect = atlas->GetCustomRectByIndex(g_sprites.ids[k]);
  ImVec2 uv0, uv1;
  atlas->CalcCustomRectUV(rect, &uv0, &uv1);
  const float half = 0.5f * static_cast<float>(rect->Width);
  dl->PrimReserve(6, 4);
  dl->PrimRectUV(ImVec2(centre.x - half, centre.y - half), ImVec2(centre.x + half, centre.y + half), uv0, uv1, colour);
}

}  // namespace nr::app
