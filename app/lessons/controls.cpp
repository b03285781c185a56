#include "lessons/controls.h"

#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "kit/text.h"
#include "widgets/text_wrap.h"
#include "widgets/layout_probe.h"

namespace nr::app {

namespace {

/// The format that shows `value` as held: `format` when it prints the value exactly enough to read back the same
/// number, else enough significant digits (a typed 0.123 on a "%.2f" slider shows 0.123).
template <typename T>
const char* displayFormat(const char* format, T value, char* buf, int size) {
  char text[64];
  std::snprintf(text, sizeof text, format, static_cast<double>(value));
  const double back = std::strtod(text, nullptr);
  if (static_cast<T>(back) == value) return format;
  for (int digits = 4; digits <= 9; ++digits) {
    std::snprintf(text, sizeof text, "%.*g", digits, static_cast<double>(value));
    if (static_cast<T>(std::strtod(text, nullptr)) == value || digits == 9) {
      std::snprintf(buf, std::size_t(size), "%%.%dg", digits);
      return buf;
    }
  }
  return format;
}

void record(const LessonContext& ctx, const char* label, LayoutProbe::Slider::Kind kind, void* value, double lo,
            double hi, bool log, bool allowZero = false, double factor = 1.0, std::vector<int> allowed = {}) {
  if (!ctx.probe) return;
  LayoutProbe::Slider s;
  s.label = label;
  s.min = ImGui::GetItemRectMin();
  // The frame only (the label sits to its right).
  s.max = ImVec2(s.min.x + ImGui::CalcItemWidth(), ImGui::GetItemRectMax().y);
  s.kind = kind;
  s.value = value;
  s.lo = lo;
  s.hi = hi;
  s.log = log;
  s.allowZero = allowZero;
  s.factor = factor;
  s.allowed = std::move(allowed);
  s.disabled = (GImGui->LastItemData.InFlags & ImGuiItemFlags_Disabled) != 0;
  ctx.probe->sliders.push_back(std::move(s));
}

/// While the user types into a slider (after Ctrl+click or double-click), the text field edits `value` itself: the
/// slider underneath may run over a position (a log10 position, an index), which the typed text must never be read
/// as. Lays out the field exactly where SliderScalar puts its frame. Returns true when the value changed;
/// `active` tells whether typing is under way (then the slider must not be drawn).
bool typedValue(const char* label, ImGuiDataType type, void* value, const void* lo, const void* hi, bool& active) {
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  active = false;
  if (window->SkipItems) return false;
  const ImGuiID id = window->GetID(label);
  if (!ImGui::TempInputIsActive(id)) return false;
  active = true;
  const ImGuiStyle& style = ImGui::GetStyle();
  const ImVec2 labelSize = ImGui::CalcTextSize(label, nullptr, true);
  const ImVec2 pos = window->DC.CursorPos;
  const ImRect frame(pos, ImVec2(pos.x + ImGui::CalcItemWidth(), pos.y + labelSize.y + 2 * style.FramePadding.y));
  const ImRect total(frame.Min, ImVec2(frame.Max.x + (labelSize.x > 0 ? style.ItemInnerSpacing.x + labelSize.x : 0.0f),
                                       frame.Max.y));
  ImGui::ItemSize(total, style.FramePadding.y);
  if (!ImGui::ItemAdd(total, id, &frame, ImGuiItemFlags_Inputable)) return false;
  const char* format = type == ImGuiDataType_S32 ? "%d" : "%.9g";
  return ImGui::TempInputScalar(frame, id, label, type, value, format, lo, hi);
}

/// Where a control's label goes: to its right when widget and label fit the row (the widget narrowed to at most
/// the item width, at least 45 % of the row), else on its own wrapped line above a full-width widget. Returns the
/// label to give ImGui: the same text (same ID either way), hidden with "##" when it was drawn above.
class LabelPlacement {
 public:
  explicit LabelPlacement(const char* label) {
    const char* end = ImGui::FindRenderedTextEnd(label);
    const float avail = ImGui::GetContentRegionAvail().x;
    const float labelW = ImGui::CalcTextSize(label, end).x;
    const float spacing = ImGui::GetStyle().ItemInnerSpacing.x;
    const float itemW = ImGui::CalcItemWidth();
    if (end == label || itemW + spacing + labelW <= avail) {
      m_label = label;
      return;
    }
    if (avail - spacing - labelW >= 0.45f * avail) {
      ImGui::SetNextItemWidth(avail - spacing - labelW);
      m_label = label;
      return;
    }
    ImGui::PushTextWrapPos(0.0f);
    wrappedText(std::string(label, end).c_str());
    ImGui::PopTextWrapPos();
    ImGui::SetNextItemWidth(avail);
    // "##" before the whole label keeps it unique; the ID differs from the label-right form only while the panel
    // is too narrow, which a drag does not change.
    m_hidden = std::string("##") + label;
    m_label = m_hidden.c_str();
  }
  const char* get() const { return m_label; }

 private:
  const char* m_label = nullptr;
  std::string m_hidden;
};

/// Whether a checkbox or radio button with this label fits the rest of the row; if not, the caller draws the box
/// with a hidden label and the label wrapped beside it (wrappedLabelBeside).
bool labelFitsBeside(const char* label) {
  const char* end = ImGui::FindRenderedTextEnd(label);
  const float box = ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x;
  return ImGui::CalcTextSize(label, end).x + box <= ImGui::GetContentRegionAvail().x;
}

/// The label of the box just drawn, wrapped in the rest of the row; true when it was clicked (as ImGui's own label
/// would be). The label group becomes the last item, so a tooltip after it shows on the label.
bool wrappedLabelBeside(const char* label) {
  ImGui::SameLine(0.0f, ImGui::GetStyle().ItemInnerSpacing.x);
  ImGui::BeginGroup();
  wrappedText(std::string(label, ImGui::FindRenderedTextEnd(label)).c_str());
  ImGui::EndGroup();
  return ImGui::IsItemClicked();
}

/// Rounds to `digits` significant digits (drag snapping on a log scale: 0.0123, 0.05, 1.5).
double roundSignificant(double v, int digits) {
  if (!(v > 0) || !std::isfinite(v)) return v;
  const double scale = std::pow(10.0, digits - 1 - std::floor(std::log10(v)));
  return std::round(v * scale) / scale;
}

}  // namespace

bool button(const char* label) {
  const ImGuiStyle& st = ImGui::GetStyle();
  const char* end = ImGui::FindRenderedTextEnd(label);
  const float avail = ImGui::GetContentRegionAvail().x;
  if (ImGui::CalcTextSize(label, end).x + 2 * st.FramePadding.x <= avail + 1.0f) return ImGui::Button(label);
  // Wider than the rest of the row: the whole row, its label wrapped on as many lines as it needs.
  std::vector<TextLine> lines;
  const float font = ImGui::GetFontSize();
  wrapTextLines(ImGui::GetFont(), font, label, end, std::max(avail - 2 * st.FramePadding.x, font), lines);
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  const ImVec2 size(std::max(avail, font), float(lines.size()) * font + 2 * st.FramePadding.y);
  const bool clicked = ImGui::InvisibleButton(label, size);
  const ImGuiCol col = ImGui::IsItemActive() ? ImGuiCol_ButtonActive : ImGui::IsItemHovered() ? ImGuiCol_ButtonHovered
                                                                                                  : ImGuiCol_Button;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p0, ImVec2(p0.x + size.x, p0.y + size.y), ImGui::GetColorU32(col), st.FrameRounding);
  if (st.FrameBorderSize > 0)
    dl->AddRect(p0, ImVec2(p0.x + size.x, p0.y + size.y), ImGui::GetColorU32(ImGuiCol_Border), st.FrameRounding, 0,
                st.FrameBorderSize);
  float y = p0.y + st.FramePadding.y;
  for (const TextLine& l : lines) {
    const float w = ImGui::CalcTextSize(l.begin, l.end).x;
    dl->AddText(ImVec2(std::floor(p0.x + 0.5f * (size.x - w)), y), ImGui::GetColorU32(ImGuiCol_Text), l.begin, l.end);
    y += font;
  }
  return clicked;
}

void sameLineIfRoom(const char* label) {
  // A checkbox or radio button: its box, the inner spacing and its label, after the item spacing.
  const ImGuiStyle& st = ImGui::GetStyle();
  const float w = ImGui::GetFrameHeight() + st.ItemInnerSpacing.x +
                  ImGui::CalcTextSize(label, ImGui::FindRenderedTextEnd(label)).x;
  const float right = ImGui::GetWindowContentRegionMax().x + ImGui::GetWindowPos().x;
  if (ImGui::GetItemRectMax().x + st.ItemSpacing.x + w <= right) ImGui::SameLine();
}

bool fitsOnThisLine(const char* label) {
  const ImGuiStyle& st = ImGui::GetStyle();
  const float w = ImGui::CalcTextSize(label, ImGui::FindRenderedTextEnd(label)).x + 2 * st.FramePadding.x;
  // After the last item on this line: the room left in the window's content region.
  const float right = ImGui::GetWindowContentRegionMax().x + ImGui::GetWindowPos().x;
  return ImGui::GetItemRectMax().x + st.ItemSpacing.x + w <= right;
}

bool checkbox(const char* label, bool* value) {
  if (labelFitsBeside(label)) return ImGui::Checkbox(label, value);
  bool changed = ImGui::Checkbox((std::string("##") + label).c_str(), value);
  if (wrappedLabelBeside(label)) {
    *value = !*value;
    changed = true;
  }
  return changed;
}

bool radioButton(const char* label, int* value, int option) {
  if (labelFitsBeside(label)) return ImGui::RadioButton(label, value, option);
  bool changed = ImGui::RadioButton((std::string("##") + label).c_str(), value, option);
  if (wrappedLabelBeside(label) && *value != option) {
    *value = option;
    changed = true;
  }
  return changed;
}

bool combo(const char* label, int* current, const char* const items[], int count) {
  const LabelPlacement place(label);
  return ImGui::Combo(place.get(), current, items, count);
}

bool beginCombo(const char* label, const char* preview) {
  const LabelPlacement place(label);
  // A preview longer than the box ends in an ellipsis (ImGui would cut it mid-glyph), whole in the tooltip.
  const ImGuiStyle& st = ImGui::GetStyle();
  const float room = ImGui::CalcItemWidth() - ImGui::GetFrameHeight() - 2.0f * st.FramePadding.x;
  const std::string shown = ellipsized(preview, room);
  const bool open = ImGui::BeginCombo(place.get(), shown.c_str());
  if (!open && shown != preview && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", preview);
  return open;
}

void sectionHeader(const char* text) {
  ImGui::Spacing();
  wrappedTextDisabled(text);
  ImGui::Separator();
}

void tip(const LessonContext& ctx, const char* key) { itemTooltip(ctx.tr(key)); }

bool sliderFloat(const LessonContext& ctx, const char* label, float& value, float lo, float hi, const char* format,
                 bool log) {
  char buf[16];
  const ImGuiSliderFlags flags = ImGuiSliderFlags_AlwaysClamp | (log ? ImGuiSliderFlags_Logarithmic : 0);
  const LabelPlacement place(label);
  const bool changed = ImGui::SliderFloat(place.get(), &value, lo, hi, displayFormat(format, value, buf, 16), flags);
  record(ctx, label, LayoutProbe::Slider::Kind::Float, &value, lo, hi, log);
  return changed;
}

bool sliderDouble(const LessonContext& ctx, const char* label, double& value, double lo, double hi, const char* format,
                  bool log) {
  char buf[16];
  const ImGuiSliderFlags flags = ImGuiSliderFlags_AlwaysClamp | (log ? ImGuiSliderFlags_Logarithmic : 0);
  const LabelPlacement place(label);
  const bool changed = ImGui::SliderScalar(place.get(), ImGuiDataType_Double, &value, &lo, &hi,
                                           displayFormat(format, value, buf, 16), flags);
  record(ctx, label, LayoutProbe::Slider::Kind::Double, &value, lo, hi, log);
  return changed;
}

bool sliderInt(const LessonContext& ctx, const char* label, int& value, int lo, int hi, bool log) {
  const ImGuiSliderFlags flags = ImGuiSliderFlags_AlwaysClamp | (log ? ImGuiSliderFlags_Logarithmic : 0);
  const LabelPlacement place(label);
  const bool changed = ImGui::SliderInt(place.get(), &value, lo, hi, "%d", flags);
  record(ctx, label, LayoutProbe::Slider::Kind::Int, &value, lo, hi, log);
  return changed;
}

bool sliderPercent(const LessonContext& ctx, const char* label, float& fraction, float lo, float hi) {
  // Shown and typed in percent; dragging snaps to whole percents (the format), typing keeps what was typed.
  float percent = fraction * 100.0f;
  char buf[16];
  const LabelPlacement place(label);
  const bool changed = ImGui::SliderFloat(place.get(), &percent, lo * 100.0f, hi * 100.0f,
                                          displayFormat("%.0f %%", percent, buf, 16), ImGuiSliderFlags_AlwaysClamp);
  if (changed) fraction = std::clamp(percent / 100.0f, lo, hi);
  record(ctx, label, LayoutProbe::Slider::Kind::Float, &fraction, lo * 100.0, hi * 100.0, false, false, 100.0);
  return changed;
}

bool sliderAngle(const LessonContext& ctx, const char* label, float& radians, float loDeg, float hiDeg) {
  float degrees = radians * 180.0f / IM_PI;
  // Degrees come back from radians with float noise (30 → 29.999998): shown to a hundredth at most.
  const float shown = std::round(degrees * 100.0f) / 100.0f;
  const char* format = shown == std::round(shown) ? "%.0f°" : shown * 10.0f == std::round(shown * 10.0f) ? "%.1f°" : "%.2f°";
  const LabelPlacement place(label);
  const bool changed = ImGui::SliderFloat(place.get(), &degrees, loDeg, hiDeg, format, ImGuiSliderFlags_AlwaysClamp);
  if (changed) radians = degrees * IM_PI / 180.0f;
  record(ctx, label, LayoutProbe::Slider::Kind::Float, &radians, loDeg, hiDeg, false, false, 180.0 / IM_PI);
  return changed;
}

namespace {

/// The log slider of logSlider() and paceSlider(): 0 is a notch half a decade beyond one end (left: "off";
/// right: "as fast as possible").
bool logSliderWithNotch(const LessonContext& ctx, const char* shownLabel, double& value, double lo, double hi,
                        int notch, const char* notchText) {
  const LabelPlacement place(shownLabel);
  const char* label = place.get();
  // Typing: the value itself, clamped to the range (0 allowed when the slider has a notch for it).
  bool typing = false;
  const double typedLo = notch != 0 ? 0.0 : lo;
  const double before = value;
  typedValue(label, ImGuiDataType_Double, &value, &typedLo, &hi, typing);
  if (typing) {
    if (value > 0 && value < lo) value = lo;
    record(ctx, label, LayoutProbe::Slider::Kind::Double, &value, lo, hi, true, notch != 0);
    return value != before;
  }
  // Dragging: a position over log10(value).
  const float l0 = static_cast<float>(std::log10(lo)), l1 = static_cast<float>(std::log10(hi));
  const float left = notch < 0 ? l0 - 0.5f : l0, right = notch > 0 ? l1 + 0.5f : l1;
  float pos = value > 0 ? static_cast<float>(std::log10(value)) : (notch > 0 ? right : left);
  char text[64], format[16];
  if (notch != 0 && value <= 0)
    std::snprintf(text, sizeof text, "%s", notchText ? notchText : "0");
  else
    std::snprintf(text, sizeof text, displayFormat("%.3g", value, format, 16), value);
  // A literal text as the format: SliderScalar prints it as is (and on Ctrl+click starts the edit with it).
  std::string shown;
  for (const char* p = text; *p; ++p) {
    shown += *p;
    if (*p == '%') shown += '%';
  }
  const bool changed = ImGui::SliderFloat(label, &pos, left, right, shown.c_str(), ImGuiSliderFlags_AlwaysClamp);
  record(ctx, label, LayoutProbe::Slider::Kind::Double, &value, lo, hi, true, notch != 0);
  if (!changed) return false;
  if ((notch < 0 && pos < l0 - 0.25f) || (notch > 0 && pos > l1 + 0.25f))
    value = 0.0;
  else
    value = std::clamp(roundSignificant(std::pow(10.0, double(std::clamp(pos, l0, l1))), 2), lo, hi);
  return value != before;
}

}  // namespace

bool logSlider(const LessonContext& ctx, const char* label, double& value, double lo, double hi, bool allowZero,
               const char* zeroText) {
  return logSliderWithNotch(ctx, label, value, lo, hi, allowZero ? -1 : 0, zeroText ? zeroText : ctx.tr("slider.off"));
}

bool paceSlider(const LessonContext& ctx, const char* label, double& epochsPerSecond, double lo, double hi,
                const char* maxText) {
  return logSliderWithNotch(ctx, label, epochsPerSecond, lo, hi, 1, maxText);
}

bool logSlider(const LessonContext& ctx, const char* label, float& value, float lo, float hi, bool allowZero,
               const char* zeroText) {
  double v = value;
  const bool changed = logSlider(ctx, label, v, lo, hi, allowZero, zeroText);
  if (changed) value = static_cast<float>(v);
  if (ctx.probe && !ctx.probe->sliders.empty()) {  // the lesson holds a float
    ctx.probe->sliders.back().kind = LayoutProbe::Slider::Kind::Float;
    ctx.probe->sliders.back().value = &value;
  }
  return changed;
}

bool choiceSlider(const LessonContext& ctx, const char* shownLabel, int& value, const std::vector<int>& allowed) {
  if (allowed.empty()) return false;
  const LabelPlacement place(shownLabel);
  const char* label = place.get();
  auto nearest = [&](int v) {
    int best = allowed[0];
    for (int a : allowed)
      if (std::abs(a - v) < std::abs(best - v)) best = a;
    return best;
  };
  bool typing = false;
  const int lo = *std::min_element(allowed.begin(), allowed.end()), hi = *std::max_element(allowed.begin(), allowed.end());
  const int before = value;
  typedValue(label, ImGuiDataType_S32, &value, &lo, &hi, typing);
  if (typing) {
    value = nearest(value);
    record(ctx, label, LayoutProbe::Slider::Kind::Int, &value, lo, hi, false, false, 1.0, allowed);
    return value != before;
  }
  int index = 0;
  for (int i = 0; i < static_cast<int>(allowed.size()); ++i)
    if (allowed[std::size_t(i)] == nearest(value)) index = i;
  char text[32];
  std::snprintf(text, sizeof text, "%d", allowed[std::size_t(index)]);
  const bool changed =
      ImGui::SliderInt(label, &index, 0, static_cast<int>(allowed.size()) - 1, text, ImGuiSliderFlags_AlwaysClamp);
  record(ctx, label, LayoutProbe::Slider::Kind::Int, &value, lo, hi, false, false, 1.0, allowed);
  if (changed) value = allowed[std::size_t(std::clamp(index, 0, static_cast<int>(allowed.size()) - 1))];
  return changed;
}

bool translatedCombo(const LessonContext& ctx, const char* label, int& value, const std::vector<const char*>& keys) {
  bool changed = false;
  if (beginCombo(label, ctx.tr(keys[value]))) {
    for (int i = 0; i < static_cast<int>(keys.size()); ++i)
      if (ImGui::Selectable(ctx.tr(keys[i]), value == i)) {
        changed = value != i;
        value = i;
      }
    ImGui::EndCombo();
  }
  return changed;
}

PlotConfig plotConfig(const LessonContext& ctx) {
  PlotConfig cfg;
  cfg.scale = ctx.scale;
  cfg.highContrast = ctx.highContrast;
  cfg.probe = ctx.probe;
  return cfg;
}

}  // namespace nr::app

namespace nr::app {

bool drawParamControl(const LessonContext& ctx, const ParamSpec& s, ParamRef value) {
  if (s.widget == ParamWidget::Hidden || !s.label) return false;
  const char* label = ctx.tr(s.label);
  const bool log = s.widget == ParamWidget::Log || s.widget == ParamWidget::LogOrZero;
  const bool zero = s.widget == ParamWidget::LogOrZero;
  const char* zeroText = s.zeroText ? ctx.tr(s.zeroText) : nullptr;
  bool changed = false;
  std::visit(
      [&](auto* v) {
        using T = std::remove_pointer_t<decltype(v)>;
        if constexpr (std::is_same_v<T, bool>) {
          changed = checkbox(label, v);
        } else if constexpr (std::is_same_v<T, int>) {
          if (s.type == ParamType::Choice) {
            changed = translatedCombo(ctx, label, *v, s.choiceLabels);
          } else if (s.widget == ParamWidget::Input) {
            const int before = *v;
            ImGui::InputInt(label, v);
            *v = std::clamp(*v, static_cast<int>(s.lo), static_cast<int>(s.hi));
            changed = *v != before;
          } else {
            changed = sliderInt(ctx, label, *v, static_cast<int>(s.lo), static_cast<int>(s.hi), log);
          }
        } else if constexpr (std::is_same_v<T, float>) {
          const float lo = static_cast<float>(s.lo), hi = static_cast<float>(s.hi);
          if (s.widget == ParamWidget::Percent)
            changed = sliderPercent(ctx, label, *v, lo, hi);
          else if (s.widget == ParamWidget::Angle)
            changed = sliderAngle(ctx, label, *v, lo * 180.0f / IM_PI, hi * 180.0f / IM_PI);
          else if (log && s.format && !zero)  // a fixed format: ImGui's own log slider, printed with it
            changed = sliderFloat(ctx, label, *v, lo, hi, s.format, true);
          else if (log)
            changed = logSlider(ctx, label, *v, lo, hi, zero, zeroText);
          else
            changed = sliderFloat(ctx, label, *v, lo, hi, s.format ? s.format : "%.2f");
        } else {
          if (s.widget == ParamWidget::Percent || s.widget == ParamWidget::Angle)
            throw std::logic_error(std::string("parameter '") + s.key + "': percent and angle sliders hold a float");
          if (log && s.format && !zero)
            changed = sliderDouble(ctx, label, *v, s.lo, s.hi, s.format, true);
          else if (log)
            changed = logSlider(ctx, label, *v, s.lo, s.hi, zero, zeroText);
          else
            changed = sliderDouble(ctx, label, *v, s.lo, s.hi, s.format ? s.format : "%.3g");
        }
      },
      value);
  if (s.tip) tip(ctx, s.tip);
  return changed;
}

}  // namespace nr::app
