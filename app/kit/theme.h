#pragma once
// Light (the projector default), dark and high-contrast themes, scaled for projector mode.

#include <imgui.h>

namespace nr::app {

enum class Theme { Light, Dark, HighContrast };

const char* themeCode(Theme t);  // "light", "dark", "high-contrast"
bool parseTheme(const char* code, Theme& out);
/// Replaces the current ImGui style with the theme at `scale` (sizes, paddings and rounding scaled).
void applyTheme(Theme theme, float scale);

}  // namespace nr::app
