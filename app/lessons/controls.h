#pragma once
// Small control helpers every lesson's panel uses, so they look and behave the same everywhere.

#include <imgui.h>

#include <vector>

#include "lessons/lesson.h"

namespace nr::app {

/// A grey heading with a rule, between groups of controls (ImGui 1.86 has no SeparatorText).
void sectionHeader(const char* text);
/// The translated tooltip of the last item.
void tip(const LessonContext& ctx, const char* key);
/// A slider over log10(value) between lo and hi, snapped to quarter decades. With allowZero the leftmost
/// position means 0 ("off").
bool logSlider(const char* label, double& value, double lo, double hi, bool allowZero = false);
/// A combo whose items are translation keys; value is the chosen index. Returns true when it changed.
bool translatedCombo(const LessonContext& ctx, const char* label, int& value, const std::vector<const char*>& keys);

}  // namespace nr::app
