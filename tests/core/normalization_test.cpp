// normalize() against a naive long-double reference that decides group membership by comparing indices directly
// (two elements share statistics iff they agree on every kept axis), for every non-empty axis subset.
#include "nr/normalization.h"

#include <gtest/gtest.h>

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
