// A typed value is the value you get: for every slider of every lesson, Ctrl+click, type a value (one a drag would not
// give: off the log slider's snapping and beyond the display format's digits), press Enter, and read the lesson's
// parameter back — as the member the slider edits and in the lesson's params() (what a scene saves).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "lessons/registry.h"
#include "support/headless_ui.h"
#include "shell/app.h"
#include "widgets/layout_probe.h"

namespace nr::app {
namespace {

using Slider = LayoutProbe::Slider;

/// The text to type into a slider, and the value the lesson must then hold.
struct Typed {
  std::string text;
  double value;
};

Typed valueFor(const Slider& s) {
  char buf[64];
  if (!s.allowed.empty()) {
    const int v = s.allowed[s.allowed.size() / 2];
    std::snprintf(buf, sizeof buf, "%d", v);
    return {buf, double(v)};
  }
  if (s.kind == Slider::Kind::Int) {
    const int v = static_cast<int>(std::lround(s.lo + 0.37 * (s.hi - s.lo)));
    std::snprintf(buf, sizeof buf, "%d", v);
    return {buf, double(v)};
  }
  double v;
  if (s.log) {
    // 37 % of the way in log10, to 3 significant digits: never a quarter decade, never a drag's 2 digits.
    v = std::pow(10.0, std::log10(s.lo) + 0.37 * (std::log10(s.hi) - std::log10(s.lo)));
  } else {
    v = s.lo + 0.3731 * (s.hi - s.lo);  // 4 significant digits: more than a "%.2f" slider shows
  }
  std::snprintf(buf, sizeof buf, s.log ? "%.3g" : "%.4g", v);
  return {buf, std::strtod(buf, nullptr)};
}

double held(const Slider& s) {
  switch (s.kind) {
    case Slider::Kind::Float:
      return *static_cast<const float*>(s.value) * s.factor;
    case Slider::Kind::Double:
      return *static_cast<const double*>(s.value);
    case Slider::Kind::Int:
      return *static_cast<const int*>(s.value);
  }
  return 0.0;
}

/// Whether some number in `j` (at any depth) equals `v` as the slider's type holds it.
bool containsNumber(const nlohmann::json& j, double v, const Slider& s) {
  if (j.is_number()) {
    const double x = j.get<double>();
    if (s.kind == Slider::Kind::Float)
      return static_cast<float>(x) == static_cast<float>(v);
    return x == v;
  }
  if (j.is_object() || j.is_array())
    for (const auto& e : j)
      if (containsNumber(e, v, s)) return true;
  return false;
}

TEST(TypedValues, EverySliderOfEveryLessonKeepsTheTypedValue) {
  Translator tr;
  AppOptions o;
  o.persistent = false;
  o.hasGraphics = false;
  int checked = 0;
  for (int i = 0; i < static_cast<int>(lessonCatalog().size()); ++i) {
    // A tall window: every control of the panel is on screen, none scrolled away.
    test::HeadlessUi ui(1.0f, tr, ImVec2(1600, 4000));
    App app(o);
    app.setFonts(ui.fonts);
    LayoutProbe probe;
    app.setProbe(&probe);
    app.selectLesson(i);
    const std::string id = app.lesson().id();
    auto draw = [&] {
      probe.clear();
      app.frame(1.0 / 60.0);
    };
    for (int f = 0; f < 3; ++f) ui.frame(draw);
    std::vector<std::string> labels;
    for (const Slider& s : probe.sliders) labels.push_back(s.label);
    if (id != "cheat-sheet") {
      EXPECT_FALSE(labels.empty()) << id << " has no slider";
    }
    for (const std::string& label : labels) {
      SCOPED_TRACE(id + ": " + label);
      ui.frame(draw);
      const Slider* found = nullptr;
      for (const Slider& s : probe.sliders)
        if (s.label == label) found = &s;
      if (!found || found->disabled) continue;  // hidden or greyed out by an earlier value
      const Slider s = *found;
      const Typed t = valueFor(s);
      ui.typeInto(ImVec2(0.5f * (s.min.x + s.max.x), 0.5f * (s.min.y + s.max.y)), t.text.c_str(), draw);
      const double got = held(s);
      if (s.factor != 1.0) {  // degrees or percent: the typed number through one float multiplication
        EXPECT_NEAR(got, t.value, 1e-5 * std::max(1.0, std::fabs(t.value))) << "typed " << t.text;
      } else if (s.kind == Slider::Kind::Float) {
        EXPECT_EQ(static_cast<float>(got), static_cast<float>(t.value)) << "typed " << t.text;
      } else {
        EXPECT_EQ(got, t.value) << "typed " << t.text;
      }
      if (s.factor == 1.0) {
        EXPECT_TRUE(containsNumber(app.lesson().params(), t.value, s)) << "typed " << t.text << " not in params()";
      }
      ++checked;
    }
  }
  EXPECT_GT(checked, 80);
}

// Typing beyond a slider's range gives its end, never a value outside the range.
TEST(TypedValues, OutOfRangeIsClampedToTheRange) {
  Translator tr;
  AppOptions o;
  o.persistent = false;
  o.hasGraphics = false;
  test::HeadlessUi ui(1.0f, tr, ImVec2(1600, 4000));
  App app(o);
  app.setFonts(ui.fonts);
  LayoutProbe probe;
  app.setProbe(&probe);
  app.selectLesson(findLesson("penalty-geometry"));
  auto draw = [&] {
    probe.clear();
    app.frame(1.0 / 60.0);
  };
  for (int f = 0; f < 3; ++f) ui.frame(draw);
  ASSERT_FALSE(probe.sliders.empty());
  const Slider lambda = probe.sliders.front();  // λ, log, 1e-3 to 10
  ui.typeInto(ImVec2(0.5f * (lambda.min.x + lambda.max.x), 0.5f * (lambda.min.y + lambda.max.y)), "1e30", draw);
  EXPECT_EQ(held(lambda), lambda.hi);
}

}  // namespace
}  // namespace nr::app
