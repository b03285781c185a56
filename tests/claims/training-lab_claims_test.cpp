// training-lab's try-this steps: a small net on a few noisy spiral points memorizes them (its boundary bends around
// single points, the validation loss climbs); L2 or dropout and Restart make the boundary smoother and the gap
// between the curves smaller beside the kept ghost; early stopping stops and goes back to the best epoch's weights.
// "Smoother" is measured on the decision field the picture draws: its boundary length and total variation.
#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "claims/claims.h"
#include "lessons/training_lab.h"

namespace nr::app {
namespace {

// Step 1's scene: 'spiral', few samples (80) and much noise (0.5), 3 hidden layers of 16; the rest as the lesson opens.
const nlohmann::json kOverfit = {{"dataset", "spiral"}, {"samples", 80}, {"noise", 0.5}, {"layers", 3}, {"width", 16}};
// 20 s of Play at the lesson's pace of 15 epochs a second.
constexpr int kPlayEpochs = 300;

/// Trains (as Play does, one step at a time) until `epochs` epochs are done or the run stops.
void playTo(TrainingLabLesson& l, int epochs) {
  while (l.model().trainer().epoch() < epochs && !l.model().trainer().finished() && !l.model().diverged()) l.train(1);
}

/// The decision field the picture draws: P(class 1) on the lesson's 64 × 64 grid over the data with an 8 % margin.
struct Field {
  static constexpr int kN = 64;
  std::vector<float> p;
  float at(int r, int c) const { return p[size_t(r) * kN + c]; }
};

Field decisionField(const TrainingLabLesson& l) {
  const core::Trainer& t = l.model().trainer();
  double lo = -1.0, hi = 1.0;
  for (const core::LabeledData* s : {&t.trainSet(), &t.validationSet()})
    for (float v : s->x) lo = std::min(lo, double(v)), hi = std::max(hi, double(v));
  const double pad = 0.08 * (hi - lo);
  lo -= pad, hi += pad;
  const int n = Field::kN;
  std::vector<float> x(size_t(n) * n * 2);
  for (int r = 0; r < n; ++r)
    for (int c = 0; c < n; ++c) {
      x[(size_t(r) * n + c) * 2] = float(lo + (hi - lo) * c / (n - 1));
      x[(size_t(r) * n + c) * 2 + 1] = float(lo + (hi - lo) * r / (n - 1));
    }
  core::Mlp net = t.net();  // a copy: predicting leaves the lesson's telemetry alone
  Field f;
  f.p.resize(size_t(n) * n);
  net.predict(x.data(), n * n, f.p.data());
  for (float& v : f.p) v = 1.0f / (1.0f + std::exp(-v));
  return f;
}

/// Neighbouring grid cells on opposite sides of p = 0.5: the length of the drawn boundary, in grid steps.
int boundaryLength(const Field& f) {
  int n = 0;
  for (int r = 0; r < Field::kN; ++r)
    for (int c = 0; c < Field::kN; ++c) {
      const bool a = f.at(r, c) > 0.5f;
      if (c + 1 < Field::kN && a != (f.at(r, c + 1) > 0.5f)) ++n;
      if (r + 1 < Field::kN && a != (f.at(r + 1, c) > 0.5f)) ++n;
    }
  return n;
}

/// Σ |Δp| over neighbouring grid cells: how much the colours change across the picture.
double totalVariation(const Field& f) {
  double s = 0;
  for (int r = 0; r < Field::kN; ++r)
    for (int c = 0; c < Field::kN; ++c) {
      if (c + 1 < Field::kN) s += std::fabs(f.at(r, c) - f.at(r, c + 1));
      if (r + 1 < Field::kN) s += std::fabs(f.at(r, c) - f.at(r + 1, c));
    }
  return s;
}

/// Single points inside the other class: training points whose 5 nearest training neighbours include at least 4 of
/// the other class. `wrapped` counts those the net nevertheless gives their own class (the boundary bends around them).
struct Loners {
  int count = 0, wrapped = 0;
};

Loners loners(const TrainingLabLesson& l) {
  const core::LabeledData& d = l.model().trainer().trainSet();
  core::Mlp net = l.model().trainer().net();
  std::vector<float> logit(d.size());
  net.predict(d.x.data(), d.size(), logit.data());
  Loners out;
  for (int i = 0; i < d.size(); ++i) {
    std::vector<std::pair<double, int>> nb;
    for (int j = 0; j < d.size(); ++j) {
      if (j == i) continue;
      const double dx = d.x[2 * i] - d.x[2 * j], dy = d.x[2 * i + 1] - d.x[2 * j + 1];
      nb.push_back({dx * dx + dy * dy, j});
    }
    std::partial_sort(nb.begin(), nb.begin() + 5, nb.end());
    int other = 0;
    for (int k = 0; k < 5; ++k) other += (d.y[nb[k].second] > 0.5f) != (d.y[i] > 0.5f);
    if (other < 4) continue;
    ++out.count;
    out.wrapped += (logit[i] > 0) == (d.y[i] > 0.5f);
  }
  return out;
}

std::vector<double> validationCurve(const TrainingLabLesson& l) {
  std::vector<double> v;
  for (const core::EpochRecord& e : l.model().trainer().epochs()) v.push_back(e.validation.data);
  return v;
}

double gap(const core::EpochRecord& e) { return e.validation.data - e.train.data; }

TEST(TrainingLabTry, Step1_SpiralBoundaryWrapsSinglePointsAndValidationLossTurnsUp) {
  TrainingLabLesson l;
  for (Lang lang : {"en", "zh"})
    for (const char* n : {"80", "0.5", "16"}) claims::expectStepSays(l, 1, lang, n);
  claims::load(l, kOverfit);
  playTo(l, kPlayEpochs);
  ASSERT_FALSE(l.model().diverged());
  const auto& e = l.model().trainer().epochs();
  ASSERT_EQ(int(e.size()), kPlayEpochs);
  // The validation loss is lowest within the first few seconds and then climbs far above it, while the training loss
  // keeps falling.
  const std::vector<double> v = validationCurve(l);
  const int best = int(std::min_element(v.begin(), v.end()) - v.begin());
  EXPECT_LT(best, kPlayEpochs / 5) << "the validation loss turns up early";
  EXPECT_GT(v.back(), 1.5 * v[best]) << "best " << v[best] << " at epoch " << best;
  EXPECT_LT(e.back().train.data, 0.5 * e[best].train.data);
  // Single points of one class among the other's: the boundary bends around most of them.
  const Loners s = loners(l);
  EXPECT_GE(s.count, 4);
  EXPECT_GE(s.wrapped, 4);
  EXPECT_GE(2 * s.wrapped, s.count) << s.wrapped << " of " << s.count;
  // Keep this run: its validation curve becomes the ghost.
  l.keepRun();
  ASSERT_EQ(l.model().kept().size(), 1u);
  EXPECT_EQ(l.model().kept()[0].validation, v);
}

TEST(TrainingLabTry, Step2_L2OrDropoutSmoothsTheBoundaryAndNarrowsTheGapBesideTheGhost) {
  TrainingLabLesson l;
  for (Lang lang : {"en", "zh"})
    for (const char* n : {"0.001", "0.3"}) claims::expectStepSays(l, 2, lang, n);
  claims::load(l, kOverfit);
  playTo(l, kPlayEpochs / 2);
  const double plainGapMid = gap(l.model().trainer().epochs().back());
  playTo(l, kPlayEpochs);
  const double plainGap = gap(l.model().trainer().epochs().back());
  const Field plain = decisionField(l);
  const std::vector<double> ghost = validationCurve(l);
  l.keepRun();
  for (const nlohmann::json& reg :
       {nlohmann::json{{"l2", 0.001}, {"dropout", 0.0}}, nlohmann::json{{"l2", 0.0}, {"dropout", 0.3}}}) {
    SCOPED_TRACE(reg.dump());
    nlohmann::json scene = kOverfit;
    scene.update(reg);
    claims::load(l, scene);
    l.reset();  // Restart: the same data and starting weights, the regularizer on from the first step
    playTo(l, kPlayEpochs / 2);
    EXPECT_LT(gap(l.model().trainer().epochs().back()), 0.75 * plainGapMid);
    playTo(l, kPlayEpochs);
    ASSERT_FALSE(l.model().diverged());
    EXPECT_LT(gap(l.model().trainer().epochs().back()), 0.75 * plainGap);
    const Field f = decisionField(l);
    EXPECT_LT(boundaryLength(f), 0.75 * boundaryLength(plain));
    EXPECT_LT(totalVariation(f), 0.75 * totalVariation(plain));
    // The first run's ghost is still there, unchanged.
    ASSERT_EQ(l.model().kept().size(), 1u);
    EXPECT_EQ(l.model().kept()[0].validation, ghost);
  }
}

TEST(TrainingLabTry, Step3_EarlyStoppingStopsAfterPatienceAndRestoresTheBestEpoch) {
  for (const nlohmann::json& reg : {nlohmann::json::object(), nlohmann::json{{"l2", 0.001}}}) {
    SCOPED_TRACE(reg.dump());
    TrainingLabLesson l;
    nlohmann::json scene = kOverfit;
    scene.update(reg);
    scene["early_stopping"] = true;
    claims::load(l, scene);
    l.reset();
    playTo(l, kPlayEpochs);
    ASSERT_TRUE(l.model().trainer().finished()) << "early stopping fires within 20 s of Play";
    const int patience = l.params()["patience"].get<int>();
    const std::vector<double> v = validationCurve(l);
    const int best = l.model().trainer().bestEpoch();
    EXPECT_EQ(best, int(std::min_element(v.begin(), v.end()) - v.begin())) << "the best validation epoch";
    EXPECT_EQ(int(v.size()), best + patience + 1) << "stopped once 'patience' epochs brought no improvement";
    // The weights in use are the best epoch's: they give its validation loss again.
    core::Mlp net = l.model().trainer().net();
    const core::LabeledData& val = l.model().trainer().validationSet();
    EXPECT_NEAR(net.evaluate(val.x.data(), val.y.data(), val.size()).data, v[best], 1e-6 * v[best]);
    EXPECT_GT(v.back(), v[best]);
  }
}

}  // namespace
}  // namespace nr::app
