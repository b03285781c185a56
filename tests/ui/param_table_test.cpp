// Every lesson's parameter table (lessons/param_table.h) is what its scenes accept: each parameter takes every
// extreme and reads back the value given, a value outside its range or an unknown choice is refused with a message
// naming it and changes nothing, and each drawn parameter has a label and a tooltip. Plus the table on its own.
#include <gtest/gtest.h>

#include <cmath>

#include "kit/i18n.h"
#include "lessons/lesson.h"
#include "lessons/registry.h"

namespace nr::app {
namespace {

bool sameValue(const nlohmann::json& a, const nlohmann::json& b) {
  if (a.is_number() && b.is_number()) {
    const double x = a.get<double>(), y = b.get<double>();
    return std::fabs(x - y) <= 1e-6 * std::max(1.0, std::fabs(y));  // float members hold the decimal to 1e-7
  }
  return a == b;
}

TEST(ParamTables, EveryParameterTakesItsExtremesAndRefusesWhatIsOutside) {
  const Translator tr;
  int checked = 0;
  for (const LessonInfo& info : lessonCatalog()) {
    std::unique_ptr<Lesson> l = info.make();
    for (const ParamSpec& s : l->paramSpecs()) {
      SCOPED_TRACE(std::string(info.id) + "." + s.key);
      for (double v : s.extremeValues()) {
        std::vector<std::string> warnings, errors;
        const nlohmann::json value = s.toJson(v);
        l->setParams({{s.key, value}}, warnings, errors);
        EXPECT_TRUE(errors.empty() && warnings.empty()) << value;
        EXPECT_TRUE(sameValue(l->params()[s.key], value)) << l->params()[s.key] << " vs " << value;
      }
      const nlohmann::json before = l->params();
      std::vector<nlohmann::json> bad = {"not a value"};
      if (s.type == ParamType::Real || s.type == ParamType::Integer) {
        const double below = s.widget == ParamWidget::LogOrZero ? -std::max(s.lo, 1e-9) : s.lo - 1 - std::fabs(s.lo);
        bad.push_back(s.toJson(below));
        bad.push_back(s.toJson(s.hi + 1 + std::fabs(s.hi)));
      }
      for (const nlohmann::json& value : bad) {
        std::vector<std::string> warnings, errors;
        l->setParams({{s.key, value}}, warnings, errors);
        ASSERT_EQ(errors.size(), 1u) << value;
        EXPECT_NE(errors[0].find(s.key), std::string::npos) << errors[0];
        EXPECT_EQ(l->params(), before) << "a refused value changed the lesson";
      }
      if (s.widget != ParamWidget::Hidden) {
        ASSERT_NE(s.label, nullptr);
        ASSERT_NE(s.tip, nullptr);
        EXPECT_TRUE(tr.has(s.label)) << s.label;
        EXPECT_TRUE(tr.has(s.tip)) << s.tip;
        for (const char* key : s.choiceLabels) EXPECT_TRUE(tr.has(key)) << key;
      }
      ++checked;
    }
  }
  EXPECT_GT(checked, 0);
}

struct Toy {
  double rate = 0.1;
  float share = 0.5f;
  int count = 3, kind = 1;
  bool on = false;
};

const ParamTable<Toy>& toyTable() {
  static const auto t = ParamTable<Toy>()
                            .real("rate", &Toy::rate, 1e-3, 1.0).logOrZero("common.off").label("a").tip("b")
                            .real("share", &Toy::share, 0.0, 1.0).percent()
                            .integer("count", &Toy::count, 1, 9).extremes({1, 5, 9})
                            .choice("kind", &Toy::kind, {"x", "y", "z"}, {"k.x", "k.y", "k.z"})
                            .boolean("on", &Toy::on);
  return t;
}

TEST(ParamTable, WritesReadsAndRefusesAllOrNothing) {
  Toy toy;
  toy.rate = 0.0, toy.share = 0.25f, toy.count = 7, toy.kind = 2, toy.on = true;
  nlohmann::json j;
  toyTable().write(toy, j);
  EXPECT_EQ(j, (nlohmann::json{{"rate", 0.0}, {"share", 0.25}, {"count", 7}, {"kind", "z"}, {"on", true}}));
  Toy back;
  std::vector<std::string> warnings, errors;
  ParamReader r(j, warnings, errors);
  toyTable().read(r, back);
  EXPECT_TRUE(r.finish());
  EXPECT_EQ(back.rate, 0.0);
  EXPECT_EQ(back.share, 0.25f);
  EXPECT_EQ(back.count, 7);
  EXPECT_EQ(back.kind, 2);
  EXPECT_TRUE(back.on);
  for (const nlohmann::json& bad : {nlohmann::json{{"rate", -1e-4}}, nlohmann::json{{"count", 10}},
                                    nlohmann::json{{"kind", "w"}}, nlohmann::json{{"on", 1}}}) {
    std::vector<std::string> w, e;
    ParamReader reader(bad, w, e);
    Toy t;
    toyTable().read(reader, t);
    EXPECT_FALSE(reader.finish()) << bad;
    EXPECT_EQ(e.size(), 1u) << bad;
  }
}

TEST(ParamTable, ExtremeStepsAreAllLowAllHighThenOneAtATime) {
  const std::vector<ParamSpec>& s = toyTable().specs();
  // 2 + rate {0, lo, hi} + share {lo, hi} + count {1, 5, 9} + kind {x, y, z} + on {false, true}
  ASSERT_EQ(extremeStepCount(s), 2 + 3 + 2 + 3 + 3 + 2);
  EXPECT_EQ(extremeJson(s, 0), (nlohmann::json{{"rate", 0.0}, {"share", 0.0}, {"count", 1}, {"kind", "x"}, {"on", false}}));
  EXPECT_EQ(extremeJson(s, 1), (nlohmann::json{{"rate", 1.0}, {"share", 1.0}, {"count", 9}, {"kind", "z"}, {"on", true}}));
  EXPECT_EQ(extremeJson(s, 2), (nlohmann::json{{"rate", 0.0}}));
  EXPECT_EQ(extremeJson(s, 3), (nlohmann::json{{"rate", 1e-3}}));
  EXPECT_EQ(extremeJson(s, 8), (nlohmann::json{{"count", 5}}));
  EXPECT_EQ(extremeJson(s, 11), (nlohmann::json{{"kind", "y"}}));
  EXPECT_EQ(extremeJson(s, 14), (nlohmann::json{{"on", true}}));
}

}  // namespace
}  // namespace nr::app
