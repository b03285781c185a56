#pragma once
// Small control helpers every lesson's panel uses, so they look and behave the same everywhere.
//
// Sliders: a value typed into a slider (Ctrl+click or double-click, type, Enter) is the value the lesson gets —
// never snapped, never read as a slider position — clamped only to the slider's range. Dragging snaps to what the
// display shows (the format's digits; 2 significant digits on a log scale). The value shown is the value held: a
// typed 0.123 on a "%.2f" slider reads 0.123, not 0.12. Each slider records itself in the layout probe, so a test
// can type into every slider of every lesson and read the parameter back.

#include <imgui.h>

#include <vector>

#include <Eigen/Core>

#include "lessons/lesson.h"
#include "widgets/plot.h"

namespace nr::app {

/// ImGui's checkbox, radio button and combos, but a label too long for the rest of the row wraps (beside a box, or
/// above a combo) instead of running past the panel's edge.
bool checkbox(const char* label, bool* value);
/// ImGui's button, but a label too long for the rest of the row makes a full-width button with the label wrapped.
bool button(const char* label);
/// Whether a button with this label still fits on the line after the last item (for SameLine rows of buttons).
bool fitsOnThisLine(const char* label);
/// SameLine() if a checkbox or radio button with this label fits after the last item; else it starts a new line.
void sameLineIfRoom(const char* label);
bool radioButton(const char* label, int* value, int option);
bool combo(const char* label, int* current, const char* const items[], int count);
bool beginCombo(const char* label, const char* preview);

/// A grey heading with a rule, between groups of controls (ImGui 1.86 has no SeparatorText).
void sectionHeader(const char* text);
/// The translated tooltip of the last item (hidden while the item is dragged, so it never covers the controls).
void tip(const LessonContext& ctx, const char* key);

/// A linear slider (or log with `log`) over a float; `format` is a printf format for the value ("%.2f").
bool sliderFloat(const LessonContext& ctx, const char* label, float& value, float lo, float hi,
                 const char* format = "%.2f", bool log = false);
bool sliderDouble(const LessonContext& ctx, const char* label, double& value, double lo, double hi,
                  const char* format = "%.3g", bool log = false);
bool sliderInt(const LessonContext& ctx, const char* label, int& value, int lo, int hi, bool log = false);
/// A fraction held in [lo, hi], shown and typed in percent.
bool sliderPercent(const LessonContext& ctx, const char* label, float& fraction, float lo, float hi);
/// An angle held in radians, shown and typed in degrees.
bool sliderAngle(const LessonContext& ctx, const char* label, float& radians, float loDeg, float hiDeg);
/// A log-scale slider between lo and hi. With allowZero the leftmost position (half a decade left of lo) means 0,
/// shown as `zeroText` (translated "0 (off)"); typing 0 gives 0 there too.
bool logSlider(const LessonContext& ctx, const char* label, double& value, double lo, double hi, bool allowZero = false,
               const char* zeroText = nullptr);
bool logSlider(const LessonContext& ctx, const char* label, float& value, float lo, float hi, bool allowZero = false,
               const char* zeroText = nullptr);
/// A training speed in epochs per second on a log scale, whose rightmost position (value 0) means "as fast as
/// possible", shown as `maxText`.
bool paceSlider(const LessonContext& ctx, const char* label, double& epochsPerSecond, double lo, double hi,
                const char* maxText);
/// A slider over a few allowed integers (e.g. the divisors of C for a group count): dragging steps through them;
/// a typed value is taken if allowed, else the nearest allowed one.
bool choiceSlider(const LessonContext& ctx, const char* label, int& value, const std::vector<int>& allowed);

/// A combo whose items are translation keys; value is the chosen index. Returns true when it changed.
bool translatedCombo(const LessonContext& ctx, const char* label, int& value, const std::vector<const char*>& keys);

/// A plot configuration for this lesson context: projector scale, theme, the layout probe.
PlotConfig plotConfig(const LessonContext& ctx);
/// The x and the y coordinates of points kept as Eigen pairs, for a plot series (borrowed until the plot's end()).
inline PlotData xsOf(const std::vector<Eigen::Vector2d>& v) { return PlotData::strided(v.empty() ? nullptr : &v[0].x(), 2); }
inline PlotData ysOf(const std::vector<Eigen::Vector2d>& v) { return PlotData::strided(v.empty() ? nullptr : &v[0].y(), 2); }

}  // namespace nr::app
