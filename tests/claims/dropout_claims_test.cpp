// dropout's try-this steps: each Step crosses out a new set of units with about q of them kept, the mask flickers
// while playing and the MC band settles on a shape (then only wobbles); both scalings make E[train] the eval value;
// with q = 0.2 the band widens, the dropout run's training loss stays above the plain run's all run and its
// validation loss rises less above its minimum; with q = 1 the two runs are one.
#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>
#include <vector>

#include "claims/claims.h"
#include "lessons/dropout.h"

namespace nr::app {
namespace {

// The lesson's pace: 20 epochs a second, 2 steps an epoch (15 points, batches of 8).
constexpr int kStepsPerSecond = 40;

double meanOf(const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0) / double(v.size()); }

double median(std::vector<double> v) {
  std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
  return v[v.size() / 2];
}

TEST(DropoutTry, Step1_EachStepANewMaskKeepingAboutQAndTheBandSettlesWhileItFlickers) {
  DropoutLesson l;
  claims::load(l, nlohmann::json::object());
  const double q = l.model().params().keep;
  l.model().refresh();
  // Step, a few times: a different set of crossed-out units each time, about q of them kept (in the diagram, and in
  // the count over the whole batch below it).
  std::vector<float> previous = l.model().shownMask();
  for (int press = 0; press < 5; ++press) {
    l.model().train(1);
    l.model().refresh();
    const std::vector<float>& shown = l.model().shownMask();
    ASSERT_EQ(shown.size(), size_t(2 * l.model().params().width));
    EXPECT_NE(shown, previous) << "press " << press;
    previous = shown;
    const double keptShown = std::accumulate(shown.begin(), shown.end(), 0.0) / double(shown.size());
    EXPECT_NEAR(keptShown, q, 0.15) << "press " << press;  // 64 units: the share's sd is 0.05
    EXPECT_NEAR(double(l.model().keptCount()) / l.model().maskSize(), q, 0.08) << "press " << press;  // ≥ 7 × 64 units
  }
  // Play for a second: the diagram's mask changes many times.
  l.setPlaying(true);
  int changes = 0;
  previous = l.model().shownMask();
  for (int frame = 0; frame < 60; ++frame) {
    l.update(1.0 / 60);
    changes += l.model().shownMask() != previous;
    previous = l.model().shownMask();
  }
  EXPECT_GE(changes, 15) << "the diagram is refreshed about 20 times a second";
  l.setPlaying(false);
  // The band (mean ± σ on the data's range), every half second of Play for 30 s: it settles on a shape, and from
  // 5 s on stays near it (the weights keep moving, so it wobbles a little).
  l.reset();
  std::vector<std::vector<double>> means, sds;
  for (int tick = 0; tick <= 60; ++tick) {
    if (tick > 0) l.model().train(kStepsPerSecond / 2);
    l.model().refresh();
    means.push_back(l.model().ensembleMean()), sds.push_back(l.model().ensembleStd());
  }
  std::vector<double> settledMean(DropoutModel::kGrid), settledSd(DropoutModel::kGrid);
  for (int tick = 10; tick <= 60; ++tick)
    for (int g = 0; g < DropoutModel::kGrid; ++g)
      settledMean[g] += means[tick][g] / 51, settledSd[g] += sds[tick][g] / 51;
  auto offset = [&](int tick) {  // mean |Δ| of the band's middle and half-width from the settled band, |x| ≤ 1
    double s = 0;
    int n = 0;
    for (int g = 0; g < DropoutModel::kGrid; ++g)
      if (std::fabs(l.model().gridX()[g]) <= 1.0)
        s += std::fabs(means[tick][g] - settledMean[g]) + std::fabs(sds[tick][g] - settledSd[g]), ++n;
    return s / n;
  };
  std::vector<double> later;
  for (int tick = 10; tick <= 60; ++tick) later.push_back(offset(tick));
  EXPECT_LT(median(later), offset(0) / 3) << "settled: at the start " << offset(0);
  EXPECT_LT(*std::max_element(later.begin(), later.end()), offset(0) / 2);
}

TEST(DropoutTry, Step2_ScaleAtTestTimeKeepsHButExpectationStillEqualsEval) {
  for (const char* mode : {"inverted", "test_time"}) {
    SCOPED_TRACE(mode);
    DropoutLesson l;
    claims::load(l, {{"mode", mode}, {"pretrain", 20}});
    l.model().refresh();
    const DropoutModel::UnitNumbers& u = l.model().unitNumbers();
    const double q = l.model().params().keep;
    ASSERT_GE(u.unit, 0);
    ASSERT_GT(std::fabs(u.h), 0.05);
    if (std::string(mode) == "test_time") {
      EXPECT_EQ(u.kept, u.h) << "kept: h";
      EXPECT_NEAR(u.eval, q * u.h, 1e-12);
    } else {
      EXPECT_NEAR(u.kept, u.h / q, 1e-12) << "kept: h/q";
      EXPECT_EQ(u.eval, u.h);
    }
    // E[train] = q · kept: the eval value in both conventions.
    EXPECT_NEAR(u.trainMean, q * u.kept, 1e-12);
    EXPECT_NEAR(u.trainMean, u.eval, 1e-12);
  }
}

TEST(DropoutTry, Step3_LowQWidensTheBandKeepsTrainingLossAboveAndOverfitsLess) {
  DropoutLesson l;
  for (Lang lang : {"en", "zh"})
    for (const char* n : {"0.2", "q = 1"}) claims::expectStepSays(l, 3, lang, n);
  // The band's mean width at the same moments of Play with the default q and with q = 0.2.
  auto bandWidth = [](DropoutLesson& d) {
    d.model().refresh();
    return meanOf(d.model().ensembleStd());
  };
  const std::vector<int> seconds = {5, 15, 30};
  std::vector<double> wide0;
  claims::load(l, nlohmann::json::object());
  ASSERT_FLOAT_EQ(l.model().params().keep, 0.8f);
  for (int s : seconds) {
    l.model().train(s * kStepsPerSecond - int(l.model().run(0).stepCount()));
    wide0.push_back(bandWidth(l));
  }
  claims::load(l, {{"keep", 0.2}});
  l.reset();  // Restart
  for (size_t i = 0; i < seconds.size(); ++i) {
    l.model().train(seconds[i] * kStepsPerSecond - int(l.model().run(0).stepCount()));
    EXPECT_GT(bandWidth(l), 1.5 * wide0[i]) << seconds[i] << " s";
  }
  // The whole run (to the lesson's epoch limit: 100 s of Play).
  l.model().train(DropoutModel::kMaxEpochs * 2);
  ASSERT_FALSE(l.model().diverged());
  const auto& drop = l.model().run(0).epochs();
  const auto& plain = l.model().run(1).epochs();
  ASSERT_EQ(drop.size(), size_t(DropoutModel::kMaxEpochs));
  for (size_t e = 0; e < drop.size(); ++e) ASSERT_GT(drop[e].train.data, plain[e].train.data) << "epoch " << e;
  // Overfitting: how far the validation loss ends (the last 100 epochs' mean) above its own minimum.
  auto rise = [](const std::vector<core::EpochRecord>& r) {
    double lo = r[0].validation.data, end = 0;
    for (const auto& e : r) lo = std::min(lo, e.validation.data);
    for (size_t i = r.size() - 100; i < r.size(); ++i) end += r[i].validation.data / 100;
    return end - lo;
  };
  EXPECT_LT(rise(drop), 0.5 * rise(plain));
  EXPECT_GT(rise(plain), 0.05) << "the run without dropout overfits";
  // q = 1: both runs are the same run.
  claims::load(l, {{"keep", 1.0}, {"pretrain", 100}});
  for (int64_t i = 0; i < l.model().run(0).net().parameterCount(); ++i)
    ASSERT_EQ(l.model().run(0).net().parameters()[i], l.model().run(1).net().parameters()[i]) << i;
  for (size_t e = 0; e < l.model().run(0).epochs().size(); ++e) {
    EXPECT_EQ(l.model().run(0).epochs()[e].train.data, l.model().run(1).epochs()[e].train.data);
    EXPECT_EQ(l.model().run(0).epochs()[e].validation.data, l.model().run(1).epochs()[e].validation.data);
  }
  EXPECT_EQ(bandWidth(l), 0.0);
}

}  // namespace
}  // namespace nr::app
