#include "lessons/controls.h"

#include <cmath>
#include <cstdio>

#include "ui/text.h"

namespace nr::app {

void sectionHeader(const char* text) {
  ImGui::Spacing();
  ImGui::TextDisabled("%s", text);
  ImGui::Separator();
}

void tip(const LessonContext& ctx, const char* key) { itemTooltip(ctx.tr(key)); }

bool logSlider(const char* label, double& value, double lo, double hi, bool allowZero) {
  const float l0 = static_cast<float>(std::log10(lo)), l1 = static_cast<float>(std::log10(hi));
  const float left = allowZero ? l0 - 0.5f : l0;
  float pos = value > 0 ? static_cast<float>(std::log10(value)) : left;
  char text[32];
  if (allowZero && value <= 0)
    std::snprintf(text, sizeof text, "0 (off)");
  else
    std::snprintf(text, sizeof text, "%.3g", value);
  if (!ImGui::SliderFloat(label, &pos, left, l1, text, ImGuiSliderFlags_AlwaysClamp)) return false;
  value = (allowZero && pos < l0 - 0.25f) ? 0.0 : std::pow(10.0, std::round(std::max(pos, l0) * 4.0) / 4.0);
  return true;
}

bool translatedCombo(const LessonContext& ctx, const char* label, int& value, const std::vector<const char*>& keys) {
  bool changed = false;
  if (ImGui::BeginCombo(label, ctx.tr(keys[value]))) {
    for (int i = 0; i < static_cast<int>(keys.size()); ++i)
      if (ImGui::Selectable(ctx.tr(keys[i]), value == i)) {
        changed = value != i;
        value = i;
      }
    ImGui::EndCombo();
  }
  return changed;
}

}  // namespace nr::app
