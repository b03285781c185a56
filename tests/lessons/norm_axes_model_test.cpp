// norm-axes' model without a GUI: every preset groups the cells as its closed form says (count and size), every
// output is γ(x − μ_g)/√(σ²_g + ε) + β with μ_g and σ²_g from a naive loop over the cell's group, invalid settings are
// made valid, the data follow the seed, and own activations are normalized whole (naive loop over all of them) while
// the pictures show their first cells and the histogram bins count every value once.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <random>

#include "lessons/norm_axes_model.h"

namespace nr::app {
namespace {

// Naive per-group mean and biased variance of the input, in double.
struct Moments {
  std::map<int64_t, double> mean, var;
};

Moments naiveMoments(const NormAxesModel& m) {
  const core::Tensor& x = m.input();
  const core::GroupIndexer& g = m.result().groups;
  std::map<int64_t, double> sum, count;
  Moments out;
  auto each = [&](auto f) {
    for (int64_t a = 0; a < x.n(); ++a)
      for (int64_t c = 0; c < x.c(); ++c)
        for (int64_t h = 0; h < x.h(); ++h)
          for (int64_t w = 0; w < x.w(); ++w) f(g.groupOf(a, c, h, w), double(x.at(a, c, h, w)));
  };
  each([&](int64_t k, double v) { sum[k] += v, count[k] += 1; });
  for (auto& [k, s] : sum) out.mean[k] = s / count[k];
  each([&](int64_t k, double v) { out.var[k] += (v - out.mean[k]) * (v - out.mean[k]) / count[k]; });
  return out;
}

TEST(NormAxesModel, PresetsGroupAsTheirClosedFormsAndEveryOutputIsTheFormula) {
  NormAxesSettings s;
  s.n = 3, s.c = 6, s.h = 2, s.w = 5, s.gamma = 1.5f, s.beta = -0.25f, s.eps = 1e-3;
  // (mode, G) → (group count, group size) for N = 3, C = 6, H·W = 10.
  const struct {
    int mode, groups;
    int64_t count, size;
  } cases[] = {{NormAxesSettings::kBatch, 1, 6, 30},    {NormAxesSettings::kLayer, 1, 3, 60},
               {NormAxesSettings::kInstance, 1, 18, 10}, {NormAxesSettings::kGroup, 3, 9, 20},
               {NormAxesSettings::kGroup, 6, 18, 10},    {NormAxesSettings::kCustom, 1, 6 * 2, 15}};
  NormAxesModel m;
  for (const auto& k : cases) {
    SCOPED_TRACE(std::to_string(k.mode) + " G=" + std::to_string(k.groups));
    s.mode = k.mode, s.groups = k.groups;
    s.axisN = true, s.axisC = false, s.axisH = false, s.axisW = true;  // custom: over N and W
    m.update(s);
    EXPECT_EQ(m.result().groups.groupCount(), k.count);
    EXPECT_EQ(m.result().groups.groupSize(), k.size);
    const Moments ref = naiveMoments(m);
    double worst = 0.0;
    for (int a = 0; a < s.n; ++a)
      for (int c = 0; c < s.c; ++c)
        for (int h = 0; h < s.h; ++h)
          for (int w = 0; w < s.w; ++w) {
            const NormCellNumbers n = m.cell(a, c, h, w);
            EXPECT_NEAR(n.mean, ref.mean.at(n.group), 1e-9);
            EXPECT_NEAR(n.var, ref.var.at(n.group), 1e-9);
            const double xhat = (n.x - ref.mean.at(n.group)) / std::sqrt(ref.var.at(n.group) + s.eps);
            EXPECT_NEAR(n.xhat, xhat, 1e-9);
            worst = std::max(worst, std::fabs(n.y - (s.gamma * xhat + s.beta)));
          }
    EXPECT_LT(worst, 1e-5) << "y = γ x̂ + β";
  }
}

TEST(NormAxesModel, InvalidSettingsBecomeValid) {
  NormAxesModel m;
  NormAxesSettings s;
  s.c = 6, s.groups = 4, s.mode = NormAxesSettings::kGroup;
  m.update(s);
  EXPECT_EQ(s.groups, 3) << "the nearest lower divisor of C";
  EXPECT_EQ(m.result().groups.groupCount(), s.n * 3);
  s.c = 7, s.groups = 6;
  m.update(s);
  EXPECT_EQ(s.groups, 1) << "7 is prime";
  s.mode = NormAxesSettings::kCustom;
  s.axisN = s.axisC = s.axisH = s.axisW = false;
  m.update(s);
  EXPECT_TRUE(s.axisH && s.axisW && !s.axisN && !s.axisC) << "no axis at all becomes H and W";
  EXPECT_EQ(m.result().groups.groupSize(), s.h * s.w);
}

TEST(NormAxesModel, TheDataFollowTheSeedAndShapeOnly) {
  NormAxesModel m;
  NormAxesSettings s;
  m.update(s);
  const std::vector<float> x1 = m.input().values();
  s.mode = NormAxesSettings::kLayer, s.gamma = 2.0f;
  m.update(s);
  EXPECT_EQ(m.input().values(), x1) << "the settings of the normalization do not redraw the data";
  s.seed = 2;
  m.update(s);
  EXPECT_NE(m.input().values(), x1);
  s.seed = 1;
  m.update(s);
  EXPECT_EQ(m.input().values(), x1);
  // Per-sample and per-channel offsets: BatchNorm's channel means spread by more than 1.
  s.mode = NormAxesSettings::kBatch;
  m.update(s);
  const auto [lo, hi] = std::minmax_element(m.result().mean.begin(), m.result().mean.end());
  EXPECT_GT(*hi - *lo, 1.0);
  double absMax = 0.0;
  for (float v : m.input().values()) absMax = std::max(absMax, double(std::fabs(v)));
  EXPECT_DOUBLE_EQ(m.inputAbsMax(), absMax);
  EXPECT_EQ(m.outputValues(), m.result().output.values());
}

TEST(NormAxesModel, OwnDataIsNormalizedWholeAndShownInPart) {
  const std::vector<int64_t> shape = {20, 24, 10, 9};
  core::Tensor x(shape);
  std::mt19937 rng(3);
  std::normal_distribution<float> z(0.0f, 1.0f);
  for (int64_t i = 0; i < x.size(); ++i) {
    const int64_t c = (i / 90) % 24;
    x.data()[i] = static_cast<float>((c % 3 == 0 ? 1000.0 : 0.0) + 0.5 * double(c) + (1.0 + 0.1 * double(c)) * z(rng));
  }
  const std::vector<float> values = x.values();
  NormAxesModel m;
  NormAxesSettings s;
  s.groups = 5, s.mode = NormAxesSettings::kGroup;
  m.useOwnData(x, "acts.npy", s);
  EXPECT_EQ(m.dataFile(), "acts.npy");
  EXPECT_EQ(s.groups, 4) << "the nearest lower divisor of the file's 24 channels";
  EXPECT_EQ(m.channels(s), 24);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(m.shown()[i], NormAxesModel::kMaxShown[i]);
  EXPECT_TRUE(m.partlyShown());
  // BatchNorm over all 20 × 90 values of each channel, by a naive loop.
  s.mode = NormAxesSettings::kBatch;
  m.update(s);
  ASSERT_EQ(m.result().groups.groupCount(), 24);
  for (int c = 0; c < 24; ++c) {
    double sum = 0, sq = 0;
    for (int n = 0; n < 20; ++n)
      for (int k = 0; k < 90; ++k) sum += values[std::size_t((n * 24 + c) * 90 + k)];
    const double mean = sum / 1800.0;
    for (int n = 0; n < 20; ++n)
      for (int k = 0; k < 90; ++k) sq += std::pow(values[std::size_t((n * 24 + c) * 90 + k)] - mean, 2);
    EXPECT_NEAR(m.result().mean[std::size_t(c)], mean, 1e-9 * std::max(1.0, std::fabs(mean))) << c;
    EXPECT_NEAR(m.result().var[std::size_t(c)], sq / 1800.0, 1e-9 * std::max(1.0, sq / 1800.0)) << c;
  }
  // The bins: every value counted once (density × width sums to 1), each in the bin its value falls into.
  for (const NormAxesModel::Bins* b : {&m.inputBins(), &m.outputBins()}) {
    ASSERT_EQ(b->centers.size(), 40u);
    double total = 0.0;
    for (double d : b->density) total += d * b->width;
    EXPECT_NEAR(total, 1.0, 1e-12);
  }
  const NormAxesModel::Bins& in = m.inputBins();
  const double lo = in.centers[0] - in.width / 2;
  std::vector<int> naive(40, 0);
  for (float v : values) ++naive[std::size_t(std::min(39, int((v - lo) / in.width)))];
  for (int b = 0; b < 40; ++b) EXPECT_NEAR(in.density[std::size_t(b)] * values.size() * in.width, naive[b], 1e-6) << b;
  EXPECT_TRUE(m.outputValues().empty()) << "own data are binned once, not per frame";
  // And back: generated data of the settings' shape, shown whole.
  m.useGeneratedData(s);
  EXPECT_TRUE(m.dataFile().empty());
  EXPECT_EQ(m.input().c(), s.c);
  EXPECT_FALSE(m.partlyShown());
}

}  // namespace
}  // namespace nr::app
