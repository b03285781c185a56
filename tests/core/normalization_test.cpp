// normalize() against a naive long-double reference that decides group membership by comparing indices directly
// (two elements share statistics iff they agree on every kept axis), for every non-empty axis subset.
#include "nr/normalization.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <random>

namespace nr::core {
namespace {

struct Naive {
  std::vector<double> y, mean, var;  // mean/var per element (of its group)
};

Naive naiveNormalize(const Tensor& x, const NormSpec& s) {
  const int64_t N = x.n(), C = x.c(), H = x.h(), W = x.w();
  const int64_t cpg = s.axes.c ? C / s.groups : 1;
  auto key = [&](int64_t n, int64_t c, int64_t h, int64_t w) {
    return std::array<int64_t, 4>{s.axes.n ? -1 : n, s.axes.c ? c / cpg : c, s.axes.h ? -1 : h, s.axes.w ? -1 : w};
  };
  Naive r;
  r.y.resize(x.size());
  r.mean.resize(x.size());
  r.var.resize(x.size());
  for (int64_t n = 0; n < N; ++n)
    for (int64_t c = 0; c < C; ++c)
      for (int64_t h = 0; h < H; ++h)
        for (int64_t w = 0; w < W; ++w) {
          const auto k = key(n, c, h, w);
          long double sum = 0, cnt = 0;
          std::vector<long double> members;
          for (int64_t n2 = 0; n2 < N; ++n2)
            for (int64_t c2 = 0; c2 < C; ++c2)
              for (int64_t h2 = 0; h2 < H; ++h2)
                for (int64_t w2 = 0; w2 < W; ++w2)
                  if (key(n2, c2, h2, w2) == k) members.push_back(x.at(n2, c2, h2, w2));
          for (long double v : members) sum += v, cnt += 1;
          const long double mu = sum / cnt;
          long double ss = 0;
          for (long double v : members) ss += (v - mu) * (v - mu);
          const long double var = ss / cnt;  // biased
          const int64_t off = x.offset(n, c, h, w);
          const long double g = s.gamma.empty() ? 1 : s.gamma[c], b = s.beta.empty() ? 0 : s.beta[c];
          r.y[off] = static_cast<double>(g * (x.at(n, c, h, w) - mu) / std::sqrt(var + s.eps) + b);
          r.mean[off] = static_cast<double>(mu);
          r.var[off] = static_cast<double>(var);
        }
  return r;
}

Tensor randomTensor(std::vector<int64_t> shape, uint32_t seed, float offset = 0.0f) {
  Tensor x(std::move(shape));
  std::mt19937 rng(seed);
  std::normal_distribution<float> dist(0.0f, 1.0f);
  // Per-sample and per-channel differences, so wrong grouping cannot hide behind identical statistics.
  for (int64_t n = 0; n < x.n(); ++n)
    for (int64_t c = 0; c < x.c(); ++c)
      for (int64_t h = 0; h < x.h(); ++h)
        for (int64_t w = 0; w < x.w(); ++w)
          x.at(n, c, h, w) = offset + 0.7f * n - 0.5f * c + (1.0f + 0.3f * c) * dist(rng);
  return x;
}

std::vector<AxisSet> allSubsets() {
  std::vector<AxisSet> out;
  for (int m = 1; m < 16; ++m) out.push_back({bool(m & 1), bool(m & 2), bool(m & 4), bool(m & 8)});
  return out;
}

double maxAbsDiff(const std::vector<float>& a, const std::vector<double>& b) {
  double worst = 0;
  for (size_t i = 0; i < a.size(); ++i) worst = std::max(worst, std::fabs(double(a[i]) - b[i]));
  return worst;
}

TEST(Normalization, EveryAxisSubsetMatchesNaiveLoop) {
  const std::vector<std::vector<int64_t>> shapes = {{3, 4, 5, 2}, {2, 6, 3}, {5, 4}, {1, 1, 1, 1}, {2, 3, 1, 4}};
  uint32_t seed = 1;
  for (const auto& shape : shapes) {
    for (const AxisSet& axes : allSubsets()) {
      Tensor x = randomTensor(shape, seed++);
      std::vector<int64_t> groupChoices = {1};
      if (axes.c)
        for (int64_t d : divisors(x.c()))
          if (d > 1) groupChoices.push_back(d);
      for (int64_t g : groupChoices) {
        NormSpec spec;
        spec.axes = axes;
        spec.groups = g;
        spec.eps = 1e-3;
        std::mt19937 rng(seed);
        std::uniform_real_distribution<float> u(-2.0f, 2.0f);
        for (int64_t c = 0; c < x.c(); ++c) spec.gamma.push_back(u(rng)), spec.beta.push_back(u(rng));
        SCOPED_TRACE("shape " + x.shapeString() + " axes " + axes.toString() + " groups " + std::to_string(g));
        NormResult r = normalize(x, spec);
        Naive ref = naiveNormalize(x, spec);
        EXPECT_LE(maxAbsDiff(r.output.values(), ref.y), 2e-6 * 2.0);
        for (int64_t i = 0; i < x.size(); ++i) {
          const int64_t grp = r.groups.groupOfOffset(i);
          ASSERT_LT(grp, r.groups.groupCount());
          EXPECT_NEAR(r.mean[grp], ref.mean[i], 1e-12 * (1 + std::fabs(ref.mean[i])));
          EXPECT_NEAR(r.var[grp], ref.var[i], 1e-11 * (1 + ref.var[i]));
        }
      }
    }
  }
}

// [SECTION] The streaming kernels: one pass (chunks of complete groups that fit the cache), two passes (a group
// larger than the cache budget), non-temporal stores, float64 input. NormTuning::cacheBytes sets the budget, so
// small tensors reach every path: 0 is the machine's own budget (everything here fits: one pass, cached stores);
// 1 byte makes every group too large (two passes, and streamed stores because the output is larger than twice the
// budget); the values between cut the kept axes into blocks of every size, partial last blocks included.

const std::vector<int64_t> kBudgets = {0, 1, 16, 64, 200, 512, 1000, 4096};

TEST(NormalizationPaths, EveryAxisSubsetAndBudgetMatchesNaiveLoop) {
  // Odd extents, so that runs start at every alignment (the streamed stores have scalar heads and tails).
  const std::vector<std::vector<int64_t>> shapes = {{3, 6, 5, 7}, {2, 4, 3}, {5, 6}, {2, 2, 9, 13}};
  uint32_t seed = 100;
  int onePass = 0, twoPass = 0;
  for (const auto& shape : shapes) {
    for (const AxisSet& axes : allSubsets()) {
      Tensor x = randomTensor(shape, seed++, 3.0f);
      std::vector<int64_t> groupChoices = {1};
      if (axes.c && x.c() % 2 == 0) groupChoices.push_back(2);
      for (int64_t g : groupChoices) {
        NormSpec spec;
        spec.axes = axes;
        spec.groups = g;
        spec.eps = 1e-3;
        std::mt19937 rng(seed);
        std::uniform_real_distribution<float> u(-2.0f, 2.0f);
        for (int64_t c = 0; c < x.c(); ++c) spec.gamma.push_back(u(rng)), spec.beta.push_back(u(rng));
        const Naive ref = naiveNormalize(x, spec);
        for (int64_t budget : kBudgets) {
          SCOPED_TRACE("shape " + x.shapeString() + " axes " + axes.toString() + " groups " + std::to_string(g) +
                       " budget " + std::to_string(budget));
          NormTuning tuning;
          tuning.cacheBytes = budget;
          const NormResult r = normalize(x, spec, tuning);
          (r.passes == 1 ? onePass : twoPass) += 1;
          if (budget == 0) {
            EXPECT_EQ(r.passes, 1);
          }
          EXPECT_LE(maxAbsDiff(r.output.values(), ref.y), 4e-6);
          for (int64_t i = 0; i < x.size(); ++i) {
            const int64_t grp = r.groups.groupOfOffset(i);
            ASSERT_NEAR(r.mean[grp], ref.mean[i], 1e-12 * (1 + std::fabs(ref.mean[i])));
            ASSERT_NEAR(r.var[grp], ref.var[i], 1e-11 * (1 + ref.var[i]));
            ASSERT_EQ(r.rstd[grp], 1.0 / std::sqrt(r.var[grp] + spec.eps));
          }
        }
      }
    }
  }
  // Both paths were really taken, many times each.
  EXPECT_GT(onePass, 500);
  EXPECT_GT(twoPass, 150);
}

TEST(NormalizationPaths, PresetsOnLargerTensorsMatchNaiveLoopOnBothPaths) {
  // Big enough for many chunks (and the prefetch cursor running from one chunk's runs into the next's), small
  // enough for the naive reference.
  const Tensor x = randomTensor({6, 8, 12, 10}, 77, -50.0f);
  for (NormKind kind : {NormKind::Batch, NormKind::Layer, NormKind::Instance, NormKind::Group}) {
    const NormSpec spec = NormSpec::preset(kind, 4);
    const Naive ref = naiveNormalize(x, spec);
    for (int64_t budget : {int64_t(0), int64_t(64), int64_t(1) << 10, int64_t(4) << 10, int64_t(1) << 30}) {
      SCOPED_TRACE(std::string(toString(kind)) + " budget " + std::to_string(budget));
      NormTuning tuning;
      tuning.cacheBytes = budget;
      const NormResult r = normalize(x, spec, tuning);
      EXPECT_LE(maxAbsDiff(r.output.values(), ref.y), 4e-6);
      // For a preset the smallest chunk is one group.
      EXPECT_EQ(r.passes, budget == 0 || r.groups.groupSize() * 4 <= budget ? 1 : 2);
    }
  }
}

TEST(NormalizationPaths, SameBitsWhateverTheOutputAlignment) {
  // Streamed stores start at an aligned address, so the first elements of each run are written by scalar code, and
  // chunks fall differently in a larger tensor. None of that may change a bit: the same samples normalized after
  // one more sample (its C·H·W = 105 floats move every run off its alignment, and chunk boundaries move) give the
  // same output and statistics, for groups that stay within a sample. The statistics, in double, would show any
  // change in the order of the sums.
  const Tensor x = randomTensor({3, 5, 3, 7}, 5, 100.0f);
  Tensor shifted({4, 5, 3, 7});
  std::copy(x.values().begin(), x.values().end(), shifted.values().begin() + 105);
  for (int64_t i = 0; i < 105; ++i) shifted.values()[i] = static_cast<float>(i % 7) - 3.0f;
  ASSERT_NE(105 * sizeof(float) % 64, 0u);
  std::vector<NormSpec> specs = {NormSpec::preset(NormKind::Layer), NormSpec::preset(NormKind::Instance),
                                 NormSpec::preset(NormKind::Group, 5)};
  for (const char* axes : {"H", "W", "C,H", "C,W", "H,W"}) {
    NormSpec s;
    s.axes = *AxisSet::parse(axes);
    specs.push_back(s);
  }
  for (const NormSpec& spec : specs) {
    for (int64_t budget : kBudgets) {
      SCOPED_TRACE(spec.axes.toString() + " budget " + std::to_string(budget));
      NormTuning tuning;
      tuning.cacheBytes = budget;
      const NormResult a = normalize(x, spec, tuning), b = normalize(shifted, spec, tuning);
      ASSERT_TRUE(std::equal(a.output.values().begin(), a.output.values().end(), b.output.values().begin() + 105));
      const size_t perSample = a.mean.size() / 3;
      ASSERT_TRUE(std::equal(a.mean.begin(), a.mean.end(), b.mean.begin() + perSample));
      ASSERT_TRUE(std::equal(a.var.begin(), a.var.end(), b.var.begin() + perSample));
    }
  }
}

TEST(NormalizationPaths, ConstantGroupGivesExactlyBetaOnEveryPath) {
  Tensor x = randomTensor({3, 4, 5, 5}, 11);
  for (int64_t n = 0; n < 3; ++n)
    for (int64_t i = 0; i < 25; ++i) x.at(n, 2, i / 5, i % 5) = 1234.567f;  // channel 2 constant
  NormSpec spec = NormSpec::preset(NormKind::Batch);
  spec.gamma = {1.5f, -2.0f, 3.25f, 0.5f};
  spec.beta = {0.1f, 0.2f, -0.7f, 0.4f};
  const std::vector<double> wide(x.values().begin(), x.values().end());
  for (int64_t budget : kBudgets) {
    NormTuning tuning;
    tuning.cacheBytes = budget;
    for (int input = 0; input < 2; ++input) {
      NormResult r;
      if (input == 0)
        normalizeInto(x, spec, r, tuning);
      else
        normalizeInto(wide.data(), x.shape(), spec, r, tuning);
      EXPECT_EQ(r.var[2], 0.0) << "budget " << budget << " input " << input;
      for (int64_t n = 0; n < 3; ++n)
        for (int64_t i = 0; i < 25; ++i) ASSERT_EQ(r.output.at(n, 2, i / 5, i % 5), -0.7f) << "budget " << budget;
    }
  }
}

/// The naive reference on float64 values of the given shape (not rounded to float32 first).
Naive naiveNormalize64(const std::vector<double>& v, const std::vector<int64_t>& shape, const NormSpec& s) {
  // Split each value into a float32 part and a float32 remainder, normalize both structures with the same loops:
  // simpler to re-run the index logic on a tensor of group ids. Here: compute by hand with long double.
  const Tensor t(shape);
  const GroupIndexer gi(t, s);
  std::vector<long double> sum(gi.groupCount(), 0), ss(gi.groupCount(), 0);
  std::vector<long double> cnt(gi.groupCount(), 0);
  for (int64_t i = 0; i < t.size(); ++i) sum[gi.groupOfOffset(i)] += v[i], cnt[gi.groupOfOffset(i)] += 1;
  for (size_t g = 0; g < sum.size(); ++g) sum[g] /= cnt[g];
  for (int64_t i = 0; i < t.size(); ++i) {
    const long double d = v[i] - sum[gi.groupOfOffset(i)];
    ss[gi.groupOfOffset(i)] += d * d;
  }
  Naive r;
  r.y.resize(t.size());
  r.mean.resize(t.size());
  r.var.resize(t.size());
  for (int64_t i = 0; i < t.size(); ++i) {
    const int64_t g = gi.groupOfOffset(i);
    const int64_t c = (i / (t.h() * t.w())) % t.c();
    const long double var = ss[g] / cnt[g];
    const long double gm = s.gamma.empty() ? 1 : s.gamma[c], bt = s.beta.empty() ? 0 : s.beta[c];
    r.y[i] = static_cast<double>(gm * (v[i] - sum[g]) / std::sqrt(var + s.eps) + bt);
    r.mean[i] = static_cast<double>(sum[g]);
    r.var[i] = static_cast<double>(var);
  }
  return r;
}

TEST(NormalizationPaths, Float64InputKeepsItsPrecision) {
  // x = 1e4 + 1e-4·noise: float32 (ulp 1e-3 at 1e4) would round the noise away entirely; the float64 path keeps it.
  const std::vector<int64_t> shape = {3, 4, 6, 5};
  std::mt19937 rng(9);
  std::normal_distribution<double> dist(0.0, 1.0);
  std::vector<double> v(3 * 4 * 6 * 5);
  for (double& e : v) e = 1e4 + 1e-4 * dist(rng);
  for (const AxisSet& axes : allSubsets()) {
    NormSpec spec;
    spec.axes = axes;
    spec.eps = 1e-12;  // far below the variance (1e-8), so the output is of order 1
    const Naive ref = naiveNormalize64(v, shape, spec);
    for (int64_t budget : kBudgets) {
      SCOPED_TRACE(axes.toString() + " budget " + std::to_string(budget));
      NormTuning tuning;
      tuning.cacheBytes = budget;
      NormResult r;
      normalizeInto(v.data(), shape, spec, r, tuning);
      EXPECT_EQ(r.output.shape(), shape);
      EXPECT_LE(maxAbsDiff(r.output.values(), ref.y), 1e-5);
      for (size_t i = 0; i < v.size(); ++i) {
        const int64_t g = r.groups.groupOfOffset(static_cast<int64_t>(i));
        ASSERT_NEAR(r.mean[g], ref.mean[i], 1e-12 * ref.mean[i]);
        ASSERT_NEAR(r.var[g], ref.var[i], 1e-6 * ref.var[i]);
      }
    }
  }
  // Through float32 the same data has (nearly) no variance left: the float64 path is not a rounding of it.
  Tensor rounded(shape);
  for (size_t i = 0; i < v.size(); ++i) rounded.values()[i] = static_cast<float>(v[i]);
  NormSpec layer = NormSpec::preset(NormKind::Layer);
  layer.eps = 1e-12;
  const NormResult viaFloat = normalize(rounded, layer);
  NormResult direct;
  normalizeInto(v.data(), shape, layer, direct);
  EXPECT_GT(std::fabs(viaFloat.var[0] - direct.var[0]), 0.5 * direct.var[0]);
}

TEST(NormalizationPaths, Float64ShapeAndSpecErrors) {
  std::vector<double> v(12, 1.0);
  NormResult r;
  EXPECT_THROW(normalizeInto(v.data(), {12}, NormSpec::preset(NormKind::Layer), r), std::invalid_argument);
  EXPECT_THROW(normalizeInto(v.data(), {2, 6}, NormSpec::preset(NormKind::Group, 5), r), std::invalid_argument);
  normalizeInto(v.data(), {2, 6}, NormSpec::preset(NormKind::Group, 3), r);
  for (float y : r.output.values()) EXPECT_EQ(y, 0.0f);  // constant groups, β = 0
}

TEST(Normalization, GroupCountsAndSizes) {
  Tensor x({2, 6, 4, 5});
  struct Case {
    NormSpec spec;
    int64_t count, size;
  } cases[] = {
      {NormSpec::preset(NormKind::Batch), 6, 40},   {NormSpec::preset(NormKind::Layer), 2, 120},
      {NormSpec::preset(NormKind::Instance), 12, 20}, {NormSpec::preset(NormKind::Group, 3), 6, 40},
      {NormSpec::preset(NormKind::Group, 1), 2, 120}, {NormSpec::preset(NormKind::Group, 6), 12, 20},
  };
  for (const Case& c : cases) {
    NormResult r = normalize(x, c.spec);
    EXPECT_EQ(r.groups.groupCount(), c.count) << c.spec.axes.toString() << " G=" << c.spec.groups;
    EXPECT_EQ(r.groups.groupSize(), c.size) << c.spec.axes.toString() << " G=" << c.spec.groups;
    EXPECT_EQ(r.mean.size(), size_t(c.count));
  }
  // Batch groups are channels; group-norm groups are numbered n*G + g.
  GroupIndexer bn(x, NormSpec::preset(NormKind::Batch));
  EXPECT_EQ(bn.groupOf(1, 4, 3, 2), 4);
  GroupIndexer gn(x, NormSpec::preset(NormKind::Group, 3));
  EXPECT_EQ(gn.groupOf(1, 5, 0, 0), 1 * 3 + 2);
  std::vector<int32_t> map = gn.groupMap();
  for (int64_t i = 0; i < x.size(); ++i) EXPECT_EQ(map[i], gn.groupOfOffset(i));
}

TEST(Normalization, LargeOffsetKeepsItsVariance) {
  // x = 1e4 + noise: a single-precision E[x²] − E[x]² loses the whole variance here.
  for (NormKind kind : {NormKind::Batch, NormKind::Layer, NormKind::Instance, NormKind::Group}) {
    Tensor x = randomTensor({4, 4, 6, 6}, 7, 1e4f);
    NormSpec spec = NormSpec::preset(kind, 2);
    NormResult r = normalize(x, spec);
    Naive ref = naiveNormalize(x, spec);
    // The issue asks for 1e-3 (PyTorch float32: about 2e-3); shifted double accumulation does far better.
    EXPECT_LE(maxAbsDiff(r.output.values(), ref.y), 2e-6) << toString(kind);
  }
}

TEST(Normalization, ConstantGroupGivesExactlyBeta) {
  Tensor x = randomTensor({3, 4, 5, 5}, 11);
  for (int64_t n = 0; n < 3; ++n)
    for (int64_t i = 0; i < 25; ++i) x.at(n, 2, i / 5, i % 5) = 1234.567f;  // channel 2 constant
  NormSpec spec = NormSpec::preset(NormKind::Batch);
  spec.gamma = {1.5f, -2.0f, 3.25f, 0.5f};
  spec.beta = {0.1f, 0.2f, -0.7f, 0.4f};
  NormResult r = normalize(x, spec);
  EXPECT_EQ(r.var[2], 0.0);
  EXPECT_EQ(r.mean[2], double(1234.567f));
  for (int64_t n = 0; n < 3; ++n)
    for (int64_t i = 0; i < 25; ++i) EXPECT_EQ(r.output.at(n, 2, i / 5, i % 5), -0.7f);
  // The same for instance norm on one constant plane.
  NormResult ri = normalize(x, NormSpec::preset(NormKind::Instance));
  for (int64_t i = 0; i < 25; ++i) EXPECT_EQ(ri.output.at(1, 2, i / 5, i % 5), 0.0f);
}

TEST(Normalization, NormalizeIntoReusesStorage) {
  Tensor x = randomTensor({2, 4, 3, 3}, 5);
  NormResult r;
  normalizeInto(x, NormSpec::preset(NormKind::Layer), r);
  const float* before = r.output.data();
  normalizeInto(x, NormSpec::preset(NormKind::Instance), r);
  EXPECT_EQ(before, r.output.data());
  NormResult fresh = normalize(x, NormSpec::preset(NormKind::Instance));
  EXPECT_EQ(fresh.output.values(), r.output.values());
  EXPECT_EQ(fresh.mean, r.mean);
}

TEST(Normalization, ValidationMessagesSayWhatToDo) {
  Tensor x({2, 64, 3, 3});
  EXPECT_EQ(validate(x, NormSpec::preset(NormKind::Group, 5)),
            "groups (5) must divide channels (64); try 1, 2, 4, 8, 16, 32 or 64");
  NormSpec none;
  EXPECT_NE(validate(x, none).find("at least one axis"), std::string::npos);
  NormSpec eps = NormSpec::preset(NormKind::Layer);
  eps.eps = 0;
  EXPECT_NE(validate(x, eps).find("eps"), std::string::npos);
  eps.eps = std::nan("");
  EXPECT_NE(validate(x, eps).find("eps"), std::string::npos);
  NormSpec gamma = NormSpec::preset(NormKind::Batch);
  gamma.gamma.assign(3, 1.0f);
  EXPECT_NE(validate(x, gamma).find("gamma has 3 values but the input has 64 channels"), std::string::npos);
  NormSpec groupsWithoutC = NormSpec::preset(NormKind::Batch);
  groupsWithoutC.groups = 2;
  EXPECT_NE(validate(x, groupsWithoutC).find("only apply when C is reduced"), std::string::npos);
  EXPECT_THROW(normalize(x, NormSpec::preset(NormKind::Group, 5)), std::invalid_argument);
  EXPECT_EQ(validate(x, NormSpec::preset(NormKind::Group, 32)), "");
}

TEST(Normalization, AxisSetParsing) {
  auto a = AxisSet::parse("N,H,W");
  ASSERT_TRUE(a);
  EXPECT_EQ(*a, presetAxes(NormKind::Batch));
  auto b = AxisSet::parse("c, h ,w");
  ASSERT_TRUE(b);
  EXPECT_EQ(*b, presetAxes(NormKind::Layer));
  auto l = AxisSet::parse("N,L");
  ASSERT_TRUE(l);
  EXPECT_TRUE(l->n && l->h && !l->c && !l->w);
  std::string err;
  EXPECT_FALSE(AxisSet::parse("N,N", &err));
  EXPECT_NE(err.find("name each reduced axis once"), std::string::npos);
  EXPECT_FALSE(AxisSet::parse("X", &err));
  EXPECT_FALSE(AxisSet::parse("NH", &err));
  EXPECT_FALSE(AxisSet::parse("", &err));
  EXPECT_NE(err.find("name no axis"), std::string::npos);
  EXPECT_EQ(presetAxes(NormKind::Instance).toString(), "H,W");
  EXPECT_EQ(parseNormKind("group"), NormKind::Group);
  EXPECT_FALSE(parseNormKind("Group"));
}

TEST(Normalization, TensorRejectsBadShapes) {
  EXPECT_THROW(Tensor({5}), std::invalid_argument);
  EXPECT_THROW(Tensor({1, 2, 3, 4, 5}), std::invalid_argument);
  EXPECT_THROW(Tensor({2, 0, 3}), std::invalid_argument);
  Tensor t({2, 3, 4});
  EXPECT_EQ(t.h(), 4);
  EXPECT_EQ(t.w(), 1);
  EXPECT_EQ(t.shapeString(), "2x3x4");
}

}  // namespace
}  // namespace nr::core
