#pragma once
// Colormaps for scalar fields, one table shared by the GPU (FieldRenderer samples it as a 256×N texture) and the
// CPU (colormapColor, for legends and colour bars drawn with ImDrawList), so a legend always matches the picture.
// gfx is the only layer that calls OpenGL (see gfx/gfx.h); this file itself calls none.
//
// Teaching choice: viridis for one-signed fields (loss surfaces, densities) because its lightness rises evenly,
// so equal value steps look equal and it stays readable in greyscale and for colour-blind students; a diverging
// blue–white–red map for signed fields (logits, weights, differences), where white marks the centre value (0)
// and the two signs are told apart by hue.

#include <array>
#include <cstdint>

namespace nr::gfx {

enum class Colormap {
  Viridis,    ///< matplotlib's viridis (van der Walt, Smith, Firing; CC0), 256 entries
  Diverging,  ///< ColorBrewer RdBu reversed (Cynthia Brewer): dark blue (low), near-white (centre), dark red (high)
};

constexpr int kColormapCount = 2;
constexpr int kColormapSize = 256;  ///< entries per map

/// The 256 RGBA8 entries of a map (alpha 255).
const std::array<std::array<std::uint8_t, 4>, kColormapSize>& colormapTable(Colormap map);

/// The colour at t in [0, 1] (clamped), linearly interpolated between entries exactly as the GPU's linear
/// filtering of the table texture does (up to its 8-bit rounding): t = 0 is entry 0, t = 1 is entry 255.
std::array<std::uint8_t, 4> colormapColor(Colormap map, float t);

}  // namespace nr::gfx
