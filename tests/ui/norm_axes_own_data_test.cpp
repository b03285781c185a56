// norm-axes with a dropped .npy of activations: the statistics over the whole tensor, the pictures limited to what
// they can show, a scene keeping the file only if it names it, and bad files refused with one message and nothing
// changed.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <random>

#include "lessons/norm_axes.h"
#include "nr/file_io.h"
#include "nr/npy.h"
#include "support/temp_dir.h"

namespace nr::app {
namespace {

namespace fs = std::filesystem;

using test::TempDir;

/// A (20, 24, 10, 9) tensor with per-channel offsets and scales (values around 1e3 in some channels).
std::vector<float> activations(const std::vector<int64_t>& shape) {
  std::mt19937 rng(3);
  std::normal_distribution<float> z(0.0f, 1.0f);
  int64_t count = 1;
  for (int64_t e : shape) count *= e;
  std::vector<float> v(static_cast<std::size_t>(count));
  const int64_t C = shape[1], inner = count / (shape[0] * C);
  for (int64_t i = 0; i < count; ++i) {
    const int64_t c = (i / inner) % C;
    v[std::size_t(i)] = static_cast<float>((c % 3 == 0 ? 1000.0 : 0.0) + 0.5 * double(c) + (1.0 + 0.1 * double(c)) * z(rng));
  }
  return v;
}

TEST(NormAxesOwnData, BatchNormStatisticsCoverTheWholeTensor) {
  const std::vector<int64_t> shape = {20, 24, 10, 9};
  const std::vector<float> x = activations(shape);
  TempDir dir;
  const std::string path = dir.write("acts.npy", core::encodeNpyFloat32(shape, x.data(), x.size()));
  NormAxesLesson l;
  std::vector<std::string> messages;
  LessonContext ctx;
  ctx.messages = &messages;
  ASSERT_TRUE(l.acceptsFileDrop(path));
  l.onFileDrop(path, ctx);
  ASSERT_TRUE(messages.empty()) << messages.front();
  EXPECT_EQ(l.model().dataFile(), "acts.npy");
  // The pictures: the first 8 samples, 16 channels, 8 × 8 positions.
  EXPECT_EQ(l.model().shown()[0], 8);
  EXPECT_EQ(l.model().shown()[1], 16);
  EXPECT_EQ(l.model().shown()[2], 8);
  EXPECT_EQ(l.model().shown()[3], 8);
  // BatchNorm (the default): one group per channel over N, H, W — all 20 × 90 values of it (the values against a
  // naive loop: tests/lessons/norm_axes_model_test.cpp).
  EXPECT_EQ(l.result().groups.groupCount(), 24);
  EXPECT_EQ(l.result().groups.groupSize(), 20 * 10 * 9);
  // GroupNorm offers only divisors of the file's 24 channels; a scene keeps the file only if it names it.
  std::vector<std::string> w, e;
  l.setParams({{"mode", "group"}, {"groups", 6}, {"data_file", "acts.npy"}}, w, e);
  EXPECT_TRUE(e.empty());
  EXPECT_EQ(l.result().groups.groupCount(), 20 * 6);
  EXPECT_EQ(l.params()["data_file"], "acts.npy");
  l.setParams({{"groups", 5}, {"data_file", "acts.npy"}}, w, e);
  EXPECT_FALSE(e.empty());  // 5 does not divide 24
  w.clear(), e.clear();
  l.setParams({{"mode", "batch"}, {"data_file", "other.npy"}}, w, e);
  EXPECT_TRUE(e.empty());
  ASSERT_EQ(w.size(), 1u);
  EXPECT_NE(w[0].find("other.npy"), std::string::npos);
  EXPECT_TRUE(l.model().dataFile().empty());  // generated data again
  EXPECT_FALSE(l.params().contains("data_file"));
}

TEST(NormAxesOwnData, RanksTwoAndThreeAreNC_AndNCL) {
  TempDir dir;
  NormAxesLesson l;
  std::vector<std::string> messages;
  LessonContext ctx;
  ctx.messages = &messages;
  const std::vector<float> a = activations({5, 3});
  l.onFileDrop(dir.write("nc.npy", core::encodeNpyFloat32({5, 3}, a.data(), a.size())), ctx);
  ASSERT_TRUE(messages.empty());
  EXPECT_EQ(l.input().n(), 5);
  EXPECT_EQ(l.input().c(), 3);
  EXPECT_EQ(l.model().shown()[2] * l.model().shown()[3], 1);
  const std::vector<float> b = activations({2, 4, 30});
  l.onFileDrop(dir.write("ncl.npy", core::encodeNpyFloat32({2, 4, 30}, b.data(), b.size())), ctx);
  ASSERT_TRUE(messages.empty());
  EXPECT_EQ(l.input().h(), 30);
  EXPECT_EQ(l.result().groups.groupSize(), 2 * 30);  // BatchNorm over N and L
}

TEST(NormAxesOwnData, BadFilesChangeNothingAndSayWhy) {
  TempDir dir;
  NormAxesLesson l;
  const nlohmann::json before = l.params();
  std::vector<std::string> messages;
  LessonContext ctx;
  ctx.messages = &messages;
  const std::vector<float> one = {1, 2, 3};
  const float nan = std::nanf("");
  const std::vector<float> bad = {1, nan, 3, 4};
  const std::string good = core::encodeNpyFloat32({2, 2}, bad.data(), bad.size());
  const std::vector<double> huge = {1, 2, 1e300, 4};
  const std::pair<std::string, std::string> files[] = {
      {"rank1.npy", core::encodeNpyFloat32({3}, one.data(), one.size())},
      {"nan.npy", good},
      {"cut.npy", good.substr(0, good.size() - 3)},
      {"text.npy", "not a numpy file at all"},
      {"empty.npy", core::encodeNpyFloat32({0, 4}, nullptr, 0)},
      {"huge.npy", core::encodeNpyFloat64({2, 2}, huge.data(), huge.size())},
  };
  // A float64 too large for float32 is named in a few digits (it was printed with 300).
  const char* expect[] = {"rank 1", "NaN", "", "", "empty dimension", "holds 1e+300 at element 2, too large for float32"};
  for (std::size_t i = 0; i < std::size(files); ++i) {
    SCOPED_TRACE(files[i].first);
    messages.clear();
    l.onFileDrop(dir.write(files[i].first, files[i].second), ctx);
    ASSERT_EQ(messages.size(), 1u);
    EXPECT_EQ(messages[0].rfind(files[i].first, 0), 0u) << messages[0];  // the file's name first, never a path
    EXPECT_EQ(messages[0].find(dir.path.string()), std::string::npos) << messages[0];
    EXPECT_NE(messages[0].find(expect[i]), std::string::npos) << messages[0];
    EXPECT_TRUE(l.model().dataFile().empty());
    EXPECT_EQ(l.params(), before);
  }
}

}  // namespace
}  // namespace nr::app
