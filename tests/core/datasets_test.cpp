// nr::core::makeDataset and splitDataset: determinism, seeds, class balance, shapes of the sets, the split.
#include "nr/datasets.h"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

namespace {

using namespace nr::core;

const DatasetKind kAll[] = {DatasetKind::Circle, DatasetKind::Xor, DatasetKind::Gaussians, DatasetKind::Spiral,
                            DatasetKind::Moons};

TEST(Datasets, DeterministicForASeedAndDifferentAcrossSeeds) {
  for (DatasetKind k : kAll) {
    DatasetSpec s;
    s.kind = k;
    s.count = 101;
    const LabeledData a = makeDataset(s), b = makeDataset(s);
    EXPECT_EQ(a.x, b.x) << toString(k);
    EXPECT_EQ(a.y, b.y);
    s.seed = 2;
    EXPECT_NE(makeDataset(s).x, a.x) << toString(k);
    ASSERT_EQ(a.size(), 101);
    ASSERT_EQ(a.x.size(), 202u);
    int ones = 0;
    for (float y : a.y) ones += y == 1.0f;
    EXPECT_EQ(ones, 50) << "classes alternate";
    for (float v : a.x) EXPECT_LT(std::abs(v), 2.0f);
  }
}

TEST(Datasets, CleanSetsHaveTheirShape) {
  DatasetSpec s;
  s.noise = 0.0;
  s.count = 400;
  s.kind = DatasetKind::Circle;
  LabeledData d = makeDataset(s);
  for (int i = 0; i < d.size(); ++i) {
    const double r = std::hypot(d.row(i)[0], d.row(i)[1]);
    if (d.y[i] == 0)
      EXPECT_LE(r, 0.5 + 1e-6);
    else
      EXPECT_TRUE(r >= 0.7 - 1e-6 && r <= 1.0 + 1e-6) << r;
  }
  s.kind = DatasetKind::Xor;
  d = makeDataset(s);
  for (int i = 0; i < d.size(); ++i) EXPECT_EQ(d.y[i], d.row(i)[0] * d.row(i)[1] < 0 ? 1.0f : 0.0f);
  s.kind = DatasetKind::Spiral;
  d = makeDataset(s);
  for (int i = 0; i < d.size(); ++i) EXPECT_LE(std::hypot(d.row(i)[0], d.row(i)[1]), 1.0 + 1e-6);
}

TEST(Datasets, NoiseMovesPoints) {
  DatasetSpec s;
  s.noise = 0.0;
  const LabeledData clean = makeDataset(s);
  s.noise = 0.3;
  const LabeledData noisy = makeDataset(s);
  double d2 = 0;
  for (size_t i = 0; i < clean.x.size(); ++i) d2 += (clean.x[i] - noisy.x[i]) * (clean.x[i] - noisy.x[i]);
  EXPECT_GT(d2 / clean.x.size(), 0.01);
}

TEST(Datasets, SplitIsAPartitionAndSeeded) {
  DatasetSpec s;
  s.count = 50;
  const LabeledData d = makeDataset(s);
  const DataSplit a = splitDataset(d, 0.3, 7), b = splitDataset(d, 0.3, 7), c = splitDataset(d, 0.3, 8);
  EXPECT_EQ(a.validation.size(), 15);
  EXPECT_EQ(a.train.size(), 35);
  EXPECT_EQ(a.train.x, b.train.x);
  EXPECT_NE(a.train.x, c.train.x);
  std::multiset<std::pair<float, float>> all, parts;
  for (int i = 0; i < d.size(); ++i) all.insert({d.row(i)[0], d.row(i)[1]});
  for (const LabeledData* p : {&a.train, &a.validation})
    for (int i = 0; i < p->size(); ++i) parts.insert({p->row(i)[0], p->row(i)[1]});
  EXPECT_EQ(all, parts);
  EXPECT_THROW(splitDataset(d, 1.0, 1), std::invalid_argument);
  EXPECT_EQ(parseDatasetKind("Moons"), DatasetKind::Moons);
  EXPECT_FALSE(parseDatasetKind("moon").has_value());
}

}  // namespace
