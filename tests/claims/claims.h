#pragma once
// Shared by the try-this claims tests (CTest label `claims`): every numbered try-this step of every lesson has one
// test, named <Lesson>Try.Step<k>_<what it checks>, that sets the lesson up as the step says and asserts what the
// text says will be seen. Where a step's text states a number, the test also checks that both languages still say
// that number, so a changed text and a stale test cannot drift apart.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "lessons/lesson.h"
#include "kit/i18n.h"

namespace nr::app::claims {

/// Applies a scene's parameters; fails the test on any error or warning (a misspelt key is a test bug).
inline void load(Lesson& l, const nlohmann::json& j) {
  std::vector<std::string> w, e;
  l.setParams(j, w, e);
  ASSERT_TRUE(e.empty()) << e[0];
  ASSERT_TRUE(w.empty()) << w[0];
}

/// The translation table of the shell and every lesson (built once).
inline const Translator& translator() {
  static const Translator tr;
  return tr;
}

/// Step `k` (1-based) of the lesson's try-this text in `lang`: the text from "k. " up to the next numbered step.
inline std::string tryStep(const Lesson& l, int k, Lang lang) {
  const std::string all = translator().get(l.tryKey(), lang);
  const std::string start = std::to_string(k) + ". ";
  size_t a = all.rfind(start, 0) == 0 ? 0 : all.find("\n" + start);
  if (a == std::string::npos) return {};
  if (all[a] == '\n') ++a;
  const size_t b = all.find("\n" + std::to_string(k + 1) + ". ", a);
  return all.substr(a, b == std::string::npos ? std::string::npos : b - a);
}

/// Asserts that step k says `fragment` in `lang` (a number the test checks, e.g. "40 %").
inline void expectStepSays(const Lesson& l, int k, Lang lang, const std::string& fragment) {
  const std::string s = tryStep(l, k, lang);
  EXPECT_NE(s.find(fragment), std::string::npos)
      << "try-this step " << k << " (" << lang << ") no longer says \"" << fragment << "\":\n" << s;
}

}  // namespace nr::app::claims
