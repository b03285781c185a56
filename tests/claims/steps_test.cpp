// The try-this texts themselves: every lesson's steps are numbered 1..n in both languages, with the same n, and
// every step has a test in this folder (the list below names the lessons whose steps are tested; a new step or a
// new lesson fails here until its test exists).
#include <cstdlib>
#include <map>

#include "claims/claims.h"
#include "lessons/registry.h"

namespace nr::app {
namespace {

int stepCount(const Lesson& l, Lang lang) {
  int n = 0;
  while (!claims::tryStep(l, n + 1, lang).empty()) ++n;
  return n;
}

TEST(TryTexts, NumberedTheSameInBothLanguages) {
  for (const LessonInfo& info : lessonCatalog()) {
    auto l = info.make();
    const int en = stepCount(*l, "en"), zh = stepCount(*l, "zh");
    EXPECT_GE(en, 1) << l->id();
    EXPECT_EQ(en, zh) << l->id();
  }
}

TEST(TryTexts, StepParsingFindsEachStepWhole) {
  for (const LessonInfo& info : lessonCatalog()) {
    auto l = info.make();
    for (Lang lang : {"en", "zh"}) {
      std::string joined;
      for (int k = 1; !claims::tryStep(*l, k, lang).empty(); ++k)
        joined += (k > 1 ? "\n" : "") + claims::tryStep(*l, k, lang);
      EXPECT_EQ(joined, claims::translator().get(l->tryKey(), lang)) << l->id();
    }
  }
}

// "batch-stats" -> "BatchStatsTry": the test suite of a lesson's steps.
std::string suiteName(const std::string& id) {
  std::string out;
  bool up = true;
  for (char c : id) {
    if (c == '-') {
      up = true;
      continue;
    }
    out += up ? char(c - 'a' + 'A') : c;
    up = false;
  }
  return out + "Try";
}

TEST(TryTexts, EveryStepHasItsTest) {
  std::map<std::string, std::vector<std::string>> tests;  // suite -> test names
  const auto* unit = ::testing::UnitTest::GetInstance();
  for (int i = 0; i < unit->total_test_suite_count(); ++i) {
    const auto* suite = unit->GetTestSuite(i);
    for (int t = 0; t < suite->total_test_count(); ++t) tests[suite->name()].push_back(suite->GetTestInfo(t)->name());
  }
  for (const LessonInfo& info : lessonCatalog()) {
    auto l = info.make();
    const std::string suite = suiteName(l->id());
    const int n = stepCount(*l, "en");
    for (int k = 1; k <= n; ++k) {
      const std::string prefix = "Step" + std::to_string(k) + "_";
      int found = 0;
      for (const std::string& name : tests[suite]) found += name.rfind(prefix, 0) == 0;
      EXPECT_EQ(found, 1) << "try-this step " << k << " of " << l->id() << " needs one test " << suite << "." << prefix
                          << "…";
    }
    for (const std::string& name : tests[suite]) {
      const int k = std::atoi(name.c_str() + 4);
      EXPECT_TRUE(name.rfind("Step", 0) == 0 && k >= 1 && k <= n) << suite << "." << name << ": no such step";
    }
  }
}

}  // namespace
}  // namespace nr::app
