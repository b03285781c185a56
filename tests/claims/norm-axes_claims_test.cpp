// The norm-axes try-this steps: switching BN/LN/IN/GN regroups the cells (group count and size) under one and the
// same formula; N = 1 turns BatchNorm's groups into InstanceNorm's, GroupNorm with G = 1 / G = C is LayerNorm /
// InstanceNorm; and coloured by y, every group is centred on β with spread γ whatever the input's offsets.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <regex>
#include <set>

#include "claims/claims.h"
#include "lessons/norm_axes.h"

namespace nr::app {
namespace {

using claims::load;

// Per group: the mean and the (biased) standard deviation of the given values.
struct GroupMoments {
  std::vector<double> mean, sd;
};

GroupMoments momentsOf(const NormAxesLesson& l, const core::Tensor& t) {
  const core::GroupIndexer& g = l.result().groups;
  const int64_t G = g.groupCount();
  std::vector<double> sum(G, 0.0), sq(G, 0.0), n(G, 0.0);
  for (int64_t a = 0; a < t.n(); ++a)
    for (int64_t c = 0; c < t.c(); ++c)
      for (int64_t h = 0; h < t.h(); ++h)
        for (int64_t w = 0; w < t.w(); ++w) {
          const int64_t k = g.groupOf(a, c, h, w);
          sum[k] += t.at(a, c, h, w), n[k] += 1;
        }
  GroupMoments m;
  for (int64_t k = 0; k < G; ++k) m.mean.push_back(sum[k] / n[k]);
  for (int64_t a = 0; a < t.n(); ++a)
    for (int64_t c = 0; c < t.c(); ++c)
      for (int64_t h = 0; h < t.h(); ++h)
        for (int64_t w = 0; w < t.w(); ++w) {
          const int64_t k = g.groupOf(a, c, h, w);
          sq[k] += (t.at(a, c, h, w) - m.mean[k]) * (t.at(a, c, h, w) - m.mean[k]);
        }
  for (int64_t k = 0; k < G; ++k) m.sd.push_back(std::sqrt(sq[k] / n[k]));
  return m;
}

// The statistics group of every cell, in C order.
std::vector<int64_t> partition(const NormAxesLesson& l) {
  const core::Tensor& x = l.input();
  std::vector<int64_t> p;
  for (int64_t a = 0; a < x.n(); ++a)
    for (int64_t c = 0; c < x.c(); ++c)
      for (int64_t h = 0; h < x.h(); ++h)
        for (int64_t w = 0; w < x.w(); ++w) p.push_back(l.result().groups.groupOf(a, c, h, w));
  return p;
}

// Two groupings are the same when the group ids correspond one to one (the numbering may differ).
bool samePartition(const std::vector<int64_t>& a, const std::vector<int64_t>& b) {
  if (a.size() != b.size()) return false;
  std::map<int64_t, int64_t> ab, ba;
  for (size_t i = 0; i < a.size(); ++i) {
    if (ab.emplace(a[i], b[i]).first->second != b[i]) return false;
    if (ba.emplace(b[i], a[i]).first->second != a[i]) return false;
  }
  return true;
}

double maxOutputDifference(const core::Tensor& a, const core::Tensor& b) {
  double d = 0.0;
  for (int64_t i = 0; i < a.size(); ++i) d = std::max(d, std::fabs(double(a.data()[i]) - double(b.data()[i])));
  return d;
}

TEST(NormAxesTry, Step1_PresetsRegroupTheCellsUnderOneFormula) {
  NormAxesLesson l;
  const std::string modes[] = {"batch", "layer", "instance", "group"};
  std::set<std::pair<int64_t, int64_t>> countAndSize;
  std::vector<std::vector<int64_t>> partitions;
  std::set<std::string> formulaShapes;
  for (const std::string& mode : modes) {
    SCOPED_TRACE(mode);
    load(l, {{"mode", mode}, {"groups", 2}, {"color_by", "group"}, {"focus_n", 1}, {"focus_c", 2}});
    const core::GroupIndexer& g = l.result().groups;
    EXPECT_EQ(g.groupCount() * g.groupSize(), l.input().size()) << "every cell in exactly one group";
    countAndSize.insert({g.groupCount(), g.groupSize()});
    std::printf("[ measured ] %s: %lld groups of %lld\n", mode.c_str(), static_cast<long long>(g.groupCount()),
                static_cast<long long>(g.groupSize()));
    partitions.push_back(partition(l));
    // One formula for all: every y is γ(x − μ_g)/√(σ²_g + ε) + β with μ_g, σ²_g of the cell's own group...
    const GroupMoments x = momentsOf(l, l.input());
    const auto& p = l.current();
    const core::Tensor& in = l.input();
    double worst = 0.0;
    for (int64_t a = 0; a < in.n(); ++a)
      for (int64_t c = 0; c < in.c(); ++c)
        for (int64_t h = 0; h < in.h(); ++h)
          for (int64_t w = 0; w < in.w(); ++w) {
            const int64_t k = g.groupOf(a, c, h, w);
            const double var = x.sd[k] * x.sd[k];
            const double y = p.gamma * (in.at(a, c, h, w) - x.mean[k]) / std::sqrt(var + p.eps) + p.beta;
            worst = std::max(worst, std::fabs(y - l.result().output.at(a, c, h, w)));
          }
    EXPECT_LT(worst, 1e-4) << "y = γ(x − μ)/√(σ² + ε) + β, with the group's own μ and σ²";
    // ...and the formula panel is the same text with other numbers.
    formulaShapes.insert(std::regex_replace(l.formulaLatex(), std::regex(R"(\(?-?[0-9]+(\.[0-9]+)?\)?)"), "#"));
  }
  // BN 6 × 64, LN 4 × 96, IN 24 × 16, GN (G = 2) 8 × 48 for the default 4 × 6 × 4 × 4 tensor.
  EXPECT_EQ(countAndSize.size(), 4u) << "the number and size of the groups differ between all four";
  for (size_t i = 0; i < partitions.size(); ++i)
    for (size_t j = i + 1; j < partitions.size(); ++j)
      EXPECT_FALSE(samePartition(partitions[i], partitions[j])) << modes[i] << " vs " << modes[j];
  EXPECT_EQ(formulaShapes.size(), 1u) << "the formula does not change, only its numbers";
}

TEST(NormAxesTry, Step2_OneSampleMakesBatchNormInstanceNormAndGroupNormSpansLnToIn) {
  NormAxesLesson l;
  auto run = [&](const nlohmann::json& j) {
    load(l, j);
    return std::make_pair(partition(l), l.result().output);
  };
  // N = 4: BatchNorm and InstanceNorm group differently (so the comparison below can fail)...
  const auto bn4 = run({{"n", 4}, {"mode", "batch"}});
  const auto in4 = run({{"n", 4}, {"mode", "instance"}});
  EXPECT_FALSE(samePartition(bn4.first, in4.first));
  EXPECT_GT(maxOutputDifference(bn4.second, in4.second), 0.1);
  // ...N = 1: BatchNorm averages over one sample, and its groups and outputs are InstanceNorm's.
  const auto bn1 = run({{"n", 1}, {"mode", "batch"}});
  const int64_t bnGroups = l.result().groups.groupCount(), bnSize = l.result().groups.groupSize();
  const auto in1 = run({{"n", 1}, {"mode", "instance"}});
  EXPECT_EQ(bnGroups, l.result().groups.groupCount());
  EXPECT_EQ(bnSize, l.result().groups.groupSize());
  EXPECT_TRUE(samePartition(bn1.first, in1.first));
  EXPECT_LT(maxOutputDifference(bn1.second, in1.second), 1e-6);

  // GroupNorm: G = 1 is LayerNorm, G = C is InstanceNorm (back at N = 4, C = 6), and G = 2 is neither.
  const auto ln = run({{"n", 4}, {"mode", "layer"}});
  const auto in = run({{"n", 4}, {"mode", "instance"}});
  const auto g1 = run({{"n", 4}, {"mode", "group"}, {"groups", 1}});
  const auto gc = run({{"n", 4}, {"mode", "group"}, {"groups", 6}});
  const auto g2 = run({{"n", 4}, {"mode", "group"}, {"groups", 2}});
  EXPECT_TRUE(samePartition(g1.first, ln.first));
  EXPECT_LT(maxOutputDifference(g1.second, ln.second), 1e-6);
  EXPECT_TRUE(samePartition(gc.first, in.first));
  EXPECT_LT(maxOutputDifference(gc.second, in.second), 1e-6);
  EXPECT_FALSE(samePartition(g2.first, ln.first));
  EXPECT_FALSE(samePartition(g2.first, in.first));
  for (Lang lang : {"en", "zh"})
    for (const char* said : {lang == "en" ? "Set N = 1" : "把 N 设为 1", "G = 1", "G = C"})
      claims::expectStepSays(l, 2, lang, said);
}

TEST(NormAxesTry, Step3_ByOutputEveryGroupIsCentredOnBetaWithSpreadGamma) {
  NormAxesLesson l;
  for (const std::string mode : {"batch", "layer", "instance", "group"})
    for (int seed : {1, 7}) {
      SCOPED_TRACE(mode + " seed " + std::to_string(seed));
      const float gamma = 1.6f, beta = -0.7f;
      load(l, {{"mode", mode}, {"color_by", "output"}, {"gamma", gamma}, {"beta", beta}, {"seed", seed}});
      const GroupMoments x = momentsOf(l, l.input()), y = momentsOf(l, l.result().output);
      // The input's groups sit at very different offsets (per-sample and per-channel shifts)...
      if (y.mean.size() > 1) {
        const auto [lo, hi] = std::minmax_element(x.mean.begin(), x.mean.end());
        EXPECT_GT(*hi - *lo, 1.0) << "the input groups' means differ";
      }
      // ...the output's are all at β, with standard deviation γ (ε = 1e-5 takes a few parts in 10⁵ of it).
      for (size_t k = 0; k < y.mean.size(); ++k) {
        EXPECT_NEAR(y.mean[k], beta, 1e-4) << "group " << k;
        EXPECT_NEAR(y.sd[k], gamma, 1e-3 * gamma) << "group " << k;
      }
    }
}

}  // namespace
}  // namespace nr::app
