// The plot widget: its pure helpers against independent checks (the 1-2-5 rule, exact decades, a naive binning
// loop, closed-form transforms), then the widget itself in ImGui without a renderer: every kind of series, the
// awkward data (empty, NaN, constant, non-positive on log axes, 10^12 values, 100k points), auto-fit limits, the
// hover readout, and that a reused Plot does not allocate once it has warmed up.

// GCC 12 sees the replaced operator new (below) inlined next to std::free in operator delete and reports a
// "mismatched" pair at every delete in this file; the pair is matched (both malloc/free), so the check is off here.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

#include "widgets/plot.h"
#include "widgets/layout_probe.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <limits>
#include <new>
#include <random>
#include <vector>

#include "support/headless_context.h"

// Counts every allocation through the global operator new, so the no-per-frame-churn promise can be tested.
// (ImGui allocates through malloc, not operator new, so its own buffers are not counted.)
static std::atomic<long> g_allocations{0};
void* operator new(std::size_t n) {
  ++g_allocations;
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace nr::app {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

// ---------------------------------------------------------------------------------------------------------------
// niceTicks

/// The 1-2-5 step (1, 2 or 5 × 10^k) nearest to `step` in ratio.
double nearestOneTwoFive(double step) {
  const double decade = std::pow(10.0, std::floor(std::log10(step)));
  double best = decade;
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (std::fabs(std::log(step / (m * decade))) < std::fabs(std::log(step / best))) best = m * decade;
  return best;
}

double countMultiples(double lo, double hi, double step) { return std::floor(hi / step) - std::ceil(lo / step) + 1; }

/// The properties every tick set must have, checked without reusing the implementation's arithmetic.
void expectNiceTicks(double lo, double hi, int maxTicks) {
  SCOPED_TRACE(testing::Message() << "niceTicks(" << lo << ", " << hi << ", " << maxTicks << ")");
  const std::vector<double> t = niceTicks(lo, hi, maxTicks);
  ASSERT_GE(t.size(), 2u);
  ASSERT_LE(t.size(), std::size_t(maxTicks));
  for (double v : t) {
    EXPECT_GE(v, lo);
    EXPECT_LE(v, hi);
  }
  // Ticks are doubles near max(|lo|, |hi|): differences of them carry that much rounding (1 + 2e-10 - 1 is not
  // exactly 2e-10), so spacing is compared with this slack rather than exactly.
  const double measured = t[1] - t[0];
  const double step = nearestOneTwoFive(measured);
  const double slack =
      8 * std::numeric_limits<double>::epsilon() * std::max(std::fabs(lo), std::fabs(hi)) + 1e-9 * step;
  EXPECT_NEAR(measured, step, slack) << "the step is not 1, 2 or 5 times a power of ten";
  for (std::size_t i = 1; i < t.size(); ++i) EXPECT_NEAR(t[i] - t[i - 1], step, slack);
  for (double v : t) EXPECT_NEAR(v, std::round(v / step) * step, slack) << v << " is not a multiple of " << step;
  // The densest nice labelling that fits: the next finer 1-2-5 step would need more than maxTicks ticks.
  const double mantissa = std::round(step / std::pow(10.0, std::floor(std::log10(step) + 1e-9)));
  const double finer = mantissa == 5.0 ? step * 2 / 5 : step / 2;
  EXPECT_GT(countMultiples(lo, hi, finer), maxTicks) << "finer step " << finer << " would also fit";
}

TEST(NiceTicks, UnitRangeIsExact) {
  const std::vector<double> t = niceTicks(0.0, 1.0, 6);
  ASSERT_EQ(t.size(), 6u);
  const double expected[] = {0.0, 0.2, 0.4, 0.6, 0.8, 1.0};
  for (int i = 0; i < 6; ++i) EXPECT_EQ(t[std::size_t(i)], expected[i]);  // 0.6, not 0.6000000000000001
}

TEST(NiceTicks, OrdinaryRanges) {
  expectNiceTicks(0.0, 1.0, 6);
  expectNiceTicks(0.0, 10.0, 11);
  expectNiceTicks(-3.7, 12.2, 8);
  expectNiceTicks(0.013, 0.0871, 5);
  expectNiceTicks(17.0, 1234.0, 7);
}

TEST(NiceTicks, NegativeRanges) {
  expectNiceTicks(-100.0, -3.0, 6);
  expectNiceTicks(-1.0, 1.0, 5);
  const std::vector<double> t = niceTicks(-1.0, 1.0, 5);
  ASSERT_EQ(t.size(), 5u);
  EXPECT_EQ(t[2], 0.0);
  EXPECT_FALSE(std::signbit(t[2])) << "zero must print as 0, not -0";
  const std::vector<double> fromMinusZero = niceTicks(-0.3, 1.0, 5);  // the first multiple is ceil(-0.6) = -0
  ASSERT_FALSE(fromMinusZero.empty());
  EXPECT_EQ(fromMinusZero[0], 0.0);
  EXPECT_FALSE(std::signbit(fromMinusZero[0]));
}

TEST(NiceTicks, TinySpans) {
  expectNiceTicks(0.0, 1e-9, 6);
  expectNiceTicks(-5e-10, 5e-10, 6);
  expectNiceTicks(1.0, 1.0 + 1e-9, 6);  // a span of 1e-9 far from zero
}

TEST(NiceTicks, HugeValues) {
  expectNiceTicks(0.0, 1e12, 7);
  expectNiceTicks(-2e12, 3e12, 10);
  expectNiceTicks(1e12, 1e12 + 5e3, 6);
}

TEST(NiceTicks, DegenerateInputs) {
  EXPECT_EQ(niceTicks(5.0, 5.0, 6), std::vector<double>{5.0});
  EXPECT_EQ(niceTicks(10.0, 0.0, 6), niceTicks(0.0, 10.0, 6));
  EXPECT_TRUE(niceTicks(kNaN, 1.0, 6).empty());
  EXPECT_TRUE(niceTicks(0.0, kInf, 6).empty());
  EXPECT_LE(niceTicks(0.0, 1.0, 0).size(), 2u);
  EXPECT_LE(niceTicks(0.0, 1.0, 1).size(), 2u);
}

// ---------------------------------------------------------------------------------------------------------------
// logTicks and labels

void expectDoubles(const std::vector<double>& got, const std::vector<double>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < got.size(); ++i) EXPECT_DOUBLE_EQ(got[i], want[i]) << "at " << i;
}

TEST(LogTicks, Decades) {
  expectDoubles(logTicks(1e-3, 10.0), {1e-3, 1e-2, 1e-1, 1.0, 10.0});
  expectDoubles(logTicks(0.5, 200.0), {1.0, 10.0, 100.0});
  expectDoubles(logTicks(200.0, 0.5), {1.0, 10.0, 100.0});
  expectDoubles(logTicks(1e-12, 1e3, 6), {1e-12, 1e-9, 1e-6, 1e-3, 1.0, 1e3});  // every third decade
  EXPECT_TRUE(logTicks(2.0, 8.0).empty());
  EXPECT_TRUE(logTicks(0.0, 10.0).empty());
  EXPECT_TRUE(logTicks(-1.0, 10.0).empty());
  EXPECT_TRUE(logTicks(1.0, kNaN).empty());
}

TEST(LogTicks, WithinFewDecadesUseMantissas) {
  expectDoubles(logMantissaTicks(0.015, 0.65, 8), {0.02, 0.05, 0.1, 0.2, 0.5});
  expectDoubles(logMantissaTicks(2.0, 8.0, 10), {2, 3, 4, 5, 6, 7, 8});
  expectDoubles(logMantissaTicks(2.0, 8.0, 3), {2, 5});
  expectDoubles(logMantissaTicks(0.015, 0.65, 3), {0.03, 0.1, 0.3});
  expectDoubles(logMantissaTicks(0.015, 0.65, 1), {0.1});
  EXPECT_TRUE(logMantissaTicks(-1.0, 0.65, 8).empty());
}

TEST(TickLabels, ShortestFaithfulText) {
  char buf[64];
  EXPECT_STREQ(formatTickLabel(0.1 * 3, 0.1, 1.0, buf, 64), "0.3");
  EXPECT_STREQ(formatTickLabel(-1e-17, 0.1, 1.0, buf, 64), "0");
  EXPECT_STREQ(formatTickLabel(2.5, 0.5, 5.0, buf, 64), "2.5");
  EXPECT_STREQ(formatTickLabel(-2.0, 1.0, 3.0, buf, 64), "-2");
  EXPECT_STREQ(formatTickLabel(1000.0, 500.0, 2000.0, buf, 64), "1000");
  EXPECT_STREQ(formatTickLabel(1.2e12, 2e11, 3e12, buf, 64), "1.2e12");
  EXPECT_STREQ(formatTickLabel(1e12, 2e11, 3e12, buf, 64), "1e12");
  EXPECT_STREQ(formatTickLabel(5e-4, 1e-4, 8e-4, buf, 64), "5e-4");
  EXPECT_STREQ(formatTickLabel(1.0000000002, 2e-10, 1.000000001, buf, 64), "1.0000000002");
}

TEST(TickLabels, Decades) {
  char buf[32];
  EXPECT_STREQ(formatDecadeLabel(-3, buf, 32), "1e-3");
  EXPECT_STREQ(formatDecadeLabel(-2, buf, 32), "0.01");
  EXPECT_STREQ(formatDecadeLabel(-1, buf, 32), "0.1");
  EXPECT_STREQ(formatDecadeLabel(0, buf, 32), "1");
  EXPECT_STREQ(formatDecadeLabel(1, buf, 32), "10");
  EXPECT_STREQ(formatDecadeLabel(3, buf, 32), "1000");
  EXPECT_STREQ(formatDecadeLabel(4, buf, 32), "1e4");
}

// ---------------------------------------------------------------------------------------------------------------
// histogramCounts

/// The definition, one bin at a time: e_b <= v < e_(b+1); the last bin is [e_(bins-1), hi], closed at hi itself
/// (lo + span·bins/bins may round below hi: -2.5 + 5.6 = 3.0999999999999996).
std::vector<int> naiveCounts(const std::vector<double>& values, int bins, double lo, double hi) {
  std::vector<int> out(std::size_t(bins), 0);
  for (int b = 0; b < bins; ++b) {
    const double e0 = lo + (hi - lo) * b / bins, e1 = lo + (hi - lo) * (b + 1) / bins;
    for (double v : values)
      if (v >= e0 && (b == bins - 1 ? v <= hi : v < e1)) ++out[std::size_t(b)];
  }
  return out;
}

TEST(HistogramCounts, ValuesOnEdges) {
  std::vector<double> v;
  for (int i = 0; i <= 10; ++i) v.push_back(i);
  EXPECT_EQ(histogramCounts(v.data(), int(v.size()), 10, 0.0, 10.0), (std::vector<int>{1, 1, 1, 1, 1, 1, 1, 1, 1, 2}));
  const std::vector<double> fifths = {0.0, 0.2, 0.4, 0.6, 0.8, 1.0};
  EXPECT_EQ(histogramCounts(fifths.data(), 6, 5, 0.0, 1.0), naiveCounts(fifths, 5, 0.0, 1.0));
  EXPECT_EQ(histogramCounts(fifths.data(), 6, 5, 0.0, 1.0), (std::vector<int>{1, 1, 1, 1, 2}));
}

TEST(HistogramCounts, EveryEdgeLandsInTheBinItOpens) {
  // Values exactly on the edges lo + span·b/bins: one multiplication ((v − lo)/span·bins) puts some of them one bin
  // too low (15/22 → 14.999999999999998), so this checks the correction for many bin counts and ranges.
  const double ranges[][2] = {{0.0, 1.0}, {-2.5, 3.1}, {0.1, 0.7}, {1e-3, 2e-3}};
  for (const auto& r : ranges)
    for (int bins = 1; bins < 50; ++bins) {
      std::vector<double> edges;
      for (int b = 0; b <= bins; ++b) {
        const double e = r[0] + (r[1] - r[0]) * b / bins;
        edges.push_back(e);
        edges.push_back(std::nextafter(e, -kInf));  // the last value of the bin below
        edges.push_back(std::nextafter(e, kInf));
      }
      ASSERT_EQ(histogramCounts(edges.data(), int(edges.size()), bins, r[0], r[1]),
                naiveCounts(edges, bins, r[0], r[1]))
          << bins << " bins over [" << r[0] << ", " << r[1] << "]";
    }
}

TEST(HistogramCounts, SkipsNaNInfAndOutOfRange) {
  const std::vector<double> v = {kNaN, kInf, -kInf, -0.1, 1.1, 0.5, 0.25};
  EXPECT_EQ(histogramCounts(v.data(), int(v.size()), 4, 0.0, 1.0), (std::vector<int>{0, 1, 1, 0}));
  const std::vector<float> f = {std::nanf(""), 0.5f, std::numeric_limits<float>::infinity()};
  EXPECT_EQ(histogramCounts(f.data(), 3, 2, 0.0, 1.0), (std::vector<int>{0, 1}));
}

TEST(HistogramCounts, MatchesNaiveLoopOnRandomData) {
  std::mt19937 rng(7);
  std::normal_distribution<double> normal(0.3, 1.2);
  std::vector<double> v(5000);
  for (double& x : v) x = normal(rng);
  v[10] = kNaN;
  v[20] = 3.1;   // exactly the top edge
  v[30] = -2.5;  // exactly the bottom edge
  EXPECT_EQ(histogramCounts(v.data(), int(v.size()), 17, -2.5, 3.1), naiveCounts(v, 17, -2.5, 3.1));
  std::vector<float> f(v.begin(), v.end());
  const std::vector<double> widened(f.begin(), f.end());
  EXPECT_EQ(histogramCounts(f.data(), int(f.size()), 9, -1.0, 1.0), naiveCounts(widened, 9, -1.0, 1.0));
}

TEST(HistogramCounts, DegenerateInputs) {
  const double v[] = {1.0, 2.0};
  EXPECT_TRUE(histogramCounts(v, 2, 0, 0.0, 3.0).empty());
  EXPECT_EQ(histogramCounts(v, 2, 3, 2.0, 2.0), (std::vector<int>{0, 0, 0}));
  EXPECT_EQ(histogramCounts(v, 2, 3, kNaN, 2.0), (std::vector<int>{0, 0, 0}));
  EXPECT_EQ(histogramCounts(static_cast<const double*>(nullptr), 5, 2, 0.0, 1.0), (std::vector<int>{0, 0}));
}

// ---------------------------------------------------------------------------------------------------------------
// Transforms

TEST(PlotTransform, LinearMapsCornersAndRoundTrips) {
  PlotTransform t;
  t.min = ImVec2(100, 50);
  t.max = ImVec2(500, 350);
  t.xLo = -1, t.xHi = 3, t.yLo = 0, t.yHi = 10;
  EXPECT_DOUBLE_EQ(t.toPixelX(-1), 100);
  EXPECT_DOUBLE_EQ(t.toPixelX(3), 500);
  EXPECT_DOUBLE_EQ(t.toPixelX(1), 300);
  EXPECT_DOUBLE_EQ(t.toPixelY(0), 350);  // pixel y grows downwards
  EXPECT_DOUBLE_EQ(t.toPixelY(10), 50);
  EXPECT_NEAR(t.toDataX(t.toPixelX(1.7)), 1.7, 1e-12);
  EXPECT_NEAR(t.toDataY(t.toPixelY(6.25)), 6.25, 1e-12);
}

TEST(PlotTransform, LogAxesAreLinearInDecades) {
  PlotTransform t;
  t.min = ImVec2(0, 0);
  t.max = ImVec2(400, 300);
  t.xLo = 1, t.xHi = 100, t.logX = true;
  t.yLo = 1e-3, t.yHi = 1, t.logY = true;
  EXPECT_NEAR(t.toPixelX(10), 200, 1e-9);
  EXPECT_NEAR(t.toPixelY(1e-2), 200, 1e-9);
  EXPECT_NEAR(t.toDataX(300), std::pow(10.0, 1.5), 1e-9);
  EXPECT_FALSE(std::isfinite(t.toPixelX(0.0))) << "0 has no place on a log axis";
}

// ---------------------------------------------------------------------------------------------------------------
// The widget in ImGui without a renderer

class HeadlessImGui : public testing::Test {
 protected:
  void SetUp() override { test::HeadlessContext::buildAtlas(); }

  /// One frame with one full-screen window; `body` draws into it. Returns the total vertex count.
  int frame(const std::function<void()>& body) {
    return test::HeadlessContext::frame([&] {
      ImGui::SetNextWindowPos(ImVec2(0, 0));
      ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
      ImGui::Begin("plots", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove);
      body();
      ImGui::End();
    });
  }

  test::HeadlessContext m_imgui{ImVec2(1280, 720)};
};

/// The data of the smoke test, kept alive for all frames (plots borrow it).
struct Data {
  std::vector<float> xs, sine, noisy;
  std::vector<double> loss, lossLo, lossHi, epochs, coef, samples, withNaN, allNaN, constant, bigX, dense;
  Data() {
    std::mt19937 rng(1);
    std::normal_distribution<double> normal;
    for (int i = 0; i < 200; ++i) {
      xs.push_back(0.05f * float(i));
      sine.push_back(std::sin(xs.back()));
      noisy.push_back(sine.back() + 0.2f * float(normal(rng)));
    }
    for (int i = 0; i < 100; ++i) {
      epochs.push_back(i + 1);
      loss.push_back(2.0 * std::exp(-0.05 * i) + 1e-3);
      lossLo.push_back(loss.back() * 0.8);
      lossHi.push_back(loss.back() * 1.25);
    }
    loss[3] = 0.0;   // not drawable on a log axis
    loss[4] = -1.0;  // neither
    coef = {0.8, -0.3, 0.0, 0.0, 1.7, -0.9, 0.0, 0.05};
    for (int i = 0; i < 2000; ++i) samples.push_back(normal(rng));
    withNaN = samples;
    for (int i = 0; i < 2000; i += 7) withNaN[std::size_t(i)] = (i % 2) ? kNaN : kInf;
    allNaN.assign(50, kNaN);
    constant.assign(50, 3.25);
    for (int i = 0; i < 30; ++i) bigX.push_back(1e12 + 1e9 * i);
    for (int i = 0; i < 100000; ++i) dense.push_back(std::sin(i * 1e-3) + 0.3 * normal(rng));
  }
};

/// Draws the twelve demo plots in a 4×3 grid and records what each drew.
struct Gallery {
  Plot plots[12];
  bool began[12] = {};
  int vertices[12] = {};

  void draw(const Data& d) {
    const ImVec2 size(300, 200);
    for (int k = 0; k < 12; ++k) {
      if (k % 4) ImGui::SameLine();
      PlotConfig cfg;
      cfg.x.label = "x";
      cfg.y.label = "y";
      ImDrawList* dl = ImGui::GetWindowDrawList();
      const int before = dl->VtxBuffer.Size;
      Plot& p = plots[k];
      ImGui::PushID(k);
      began[k] = p.begin("##plot", size, configFor(k, cfg));
      ImGui::PopID();
      if (!began[k]) continue;
      const int n = int(d.xs.size());
      switch (k) {
        case 0:
          p.line("sin", d.xs.data(), d.sine.data(), n);
          p.scatter("noisy", d.xs.data(), d.noisy.data(), n, {0, 0, 2.5f});
          p.hline("zero", 0.0, {0, 1, 0, -1, true});
          break;
        case 1:
          p.bars("coefficients", nullptr, d.coef.data(), int(d.coef.size()));
          break;
        case 2:
          p.histogram("N(0,1)", d.samples.data(), int(d.samples.size()), {40, -4, 4, true});
          p.histogram("with NaN", d.withNaN.data(), int(d.withNaN.size()), {25});
          p.vline("##mean", 0.0);
          break;
        case 3:  // log y, with zero and negative losses skipped, and a band
          p.band("train", d.epochs.data(), d.lossLo.data(), d.lossHi.data(), int(d.epochs.size()));
          p.line("train", d.epochs.data(), d.loss.data(), int(d.epochs.size()));
          p.text(50, 0.1, "overfits here");
          break;
        case 4:
          break;  // empty: frame and "No data yet"
        case 5:
          p.line("all NaN", d.allNaN.data(), int(d.allNaN.size()));
          break;
        case 6:
          p.line("constant", d.constant.data(), int(d.constant.size()), {0, 0, 0, -1, false, true});
          break;
        case 7:
          p.scatter("far away", d.bigX.data(), d.bigX.data(), int(d.bigX.size()));
          break;
        case 8:
          p.line("dense", d.dense.data(), int(d.dense.size()));
          break;
        case 9:  // fixed x window far into the data, equal aspect
          p.line("sin", d.xs.data(), d.sine.data(), n);
          p.band("##band", d.xs.data(), d.noisy.data(), d.sine.data(), n);
          break;
        case 10:  // log-log with NaN inside the arrays
          p.line("loss", d.epochs.data(), d.loss.data(), int(d.epochs.size()), {0, 3, 0, -1, true});
          p.scatter("NaN", d.allNaN.data(), d.allNaN.data(), 10);
          break;
        case 11:  // zero counts, null arrays, negative counts: nothing to draw, nothing to crash
          p.line("none", d.xs.data(), d.sine.data(), 0);
          p.bars("negative count", nullptr, d.coef.data(), -5);
          p.histogram("empty", d.allNaN.data(), int(d.allNaN.size()));
          p.band("null", nullptr, static_cast<const double*>(nullptr), static_cast<const double*>(nullptr), 0);
          break;
      }
      p.end();
      vertices[k] = dl->VtxBuffer.Size - before;
    }
  }

  static PlotConfig configFor(int k, PlotConfig cfg) {
    if (k == 3) cfg.y.log = true;
    if (k == 4) cfg.emptyText = "No data yet";
    if (k == 9) {
      cfg.x.min = 2.0;
      cfg.x.max = 6.0;
      cfg.equalAspect = true;
    }
    if (k == 10) cfg.x.log = cfg.y.log = true;
    if (k == 11) cfg.scale = 2.5f;
    return cfg;
  }
};

TEST_F(HeadlessImGui, EveryKindOfPlotDrawsWithoutCrashing) {
  const Data data;
  Gallery gallery;
  int total = 0;
  for (int f = 0; f < 3; ++f) total = frame([&] { gallery.draw(data); });
  EXPECT_GT(total, 0);
  // NaN and Inf never reach the screen: every vertex is a finite point near the display.
  const ImDrawData* drawData = ImGui::GetDrawData();
  for (int l = 0; l < drawData->CmdListsCount; ++l)
    for (const ImDrawVert& v : drawData->CmdLists[l]->VtxBuffer) {
      ASSERT_TRUE(std::isfinite(v.pos.x) && std::isfinite(v.pos.y));
      ASSERT_TRUE(std::fabs(v.pos.x) < 1e5f && std::fabs(v.pos.y) < 1e5f) << v.pos.x << ", " << v.pos.y;
    }
  for (int k = 0; k < 12; ++k) {
    SCOPED_TRACE(testing::Message() << "plot " << k);
    EXPECT_TRUE(gallery.began[k]);
    EXPECT_GT(gallery.vertices[k], 0) << "every plot draws at least its frame";
    const PlotTransform& t = gallery.plots[k].transform();
    EXPECT_TRUE(std::isfinite(t.xLo) && std::isfinite(t.xHi) && t.xLo < t.xHi);
    EXPECT_TRUE(std::isfinite(t.yLo) && std::isfinite(t.yHi) && t.yLo < t.yHi);
    EXPECT_LT(t.min.x, t.max.x);
    EXPECT_LT(t.min.y, t.max.y);
  }
  // 100,000 points reduced per pixel column: a few thousand vertices, not hundreds of thousands (and no 16-bit
  // index overflow without a renderer that supports vertex offsets).
  EXPECT_LT(gallery.vertices[8], 20000);
  // Data and series visibly add geometry: the lines plot draws more than the empty one.
  EXPECT_GT(gallery.vertices[0], gallery.vertices[4]);
}

TEST_F(HeadlessImGui, AutoFitLimits) {
  const Data data;
  Gallery gallery;
  for (int f = 0; f < 2; ++f) frame([&] { gallery.draw(data); });
  // Lines: x data 0..9.95 padded by 5% on each side.
  const PlotTransform& lines = gallery.plots[0].transform();
  EXPECT_NEAR(lines.xLo, -0.05 * 9.95, 1e-5);
  EXPECT_NEAR(lines.xHi, 9.95 * 1.05, 1e-5);
  // Bars stand on zero: the lower limit is min(0, data) without padding below a non-negative series... here the
  // coefficients are negative too, so the range covers them.
  const PlotTransform& bars = gallery.plots[1].transform();
  EXPECT_LT(bars.yLo, -0.9);
  EXPECT_GT(bars.yHi, 1.7);
  // Density histogram: y starts exactly at 0.
  EXPECT_EQ(gallery.plots[2].transform().yLo, 0.0);
  // Log y with 0 and -1 in the data: limits stay positive and cover the positive data.
  const PlotTransform& logy = gallery.plots[3].transform();
  EXPECT_GT(logy.yLo, 0.0);
  EXPECT_LT(logy.yLo, 2.0 * std::exp(-0.05 * 99));
  // Constant series: a non-zero range around the value.
  const PlotTransform& flat = gallery.plots[6].transform();
  EXPECT_LT(flat.yLo, 3.25);
  EXPECT_GT(flat.yHi, 3.25);
  // Values near 1e12 keep their precision.
  const PlotTransform& far = gallery.plots[7].transform();
  EXPECT_LT(far.xLo, 1e12);
  EXPECT_GT(far.xHi, 1e12 + 29e9);
  // Fixed x limits are exact; equal aspect makes a data unit equally long on both axes.
  const PlotTransform& fixed = gallery.plots[9].transform();
  const double ux = (fixed.xHi - fixed.xLo) / (fixed.max.x - fixed.min.x);
  const double uy = (fixed.yHi - fixed.yLo) / (fixed.max.y - fixed.min.y);
  EXPECT_NEAR(ux, uy, 1e-9 * ux);
}

TEST_F(HeadlessImGui, FixedLimitsAreKept) {
  const Data data;
  Plot plot;
  PlotConfig cfg;
  cfg.x.min = 2.0;
  cfg.x.max = 6.0;
  cfg.y.min = 0.0;
  for (int f = 0; f < 2; ++f)
    frame([&] {
      if (plot.begin("fixed", ImVec2(400, 300), cfg)) {
        plot.line("sin", data.xs.data(), data.sine.data(), int(data.xs.size()));
        plot.end();
      }
    });
  EXPECT_EQ(plot.transform().xLo, 2.0);
  EXPECT_EQ(plot.transform().xHi, 6.0);
  EXPECT_EQ(plot.transform().yLo, 0.0);
  // The automatic top fits the part of the curve inside the fixed x window: on [2, 6] sin runs from -1 up to
  // sin 2, and the top is padded by 5% of that span.
  EXPECT_NEAR(plot.transform().yHi, std::sin(2.0) + 0.05 * (std::sin(2.0) + 1.0), 0.01);
}

TEST_F(HeadlessImGui, HoverFindsTheNearestPoint) {
  const Data data;
  Gallery gallery;
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = ImVec2(-1000, -1000);
  for (int f = 0; f < 2; ++f) frame([&] { gallery.draw(data); });
  ASSERT_FALSE(gallery.plots[0].hovered());

  // Put the mouse exactly on point 60 of the sine line; the layout is the same next frame.
  const PlotTransform t = gallery.plots[0].transform();
  io.MousePos = t.toPixel(data.xs[60], data.sine[60]);
  frame([&] { gallery.draw(data); });
  frame([&] { gallery.draw(data); });  // a new tooltip window, like any window, has vertices from its second frame
  EXPECT_TRUE(gallery.plots[0].hovered());
  const PlotHit& hit = gallery.plots[0].hit();
  EXPECT_EQ(hit.series, 0);
  EXPECT_EQ(hit.index, 60);
  EXPECT_STREQ(hit.label, "sin");
  EXPECT_NEAR(hit.x, data.xs[60], 1e-6);
  EXPECT_GE(ImGui::GetDrawData()->CmdListsCount, 2) << "the tooltip is a second window";

  // Over every other plot, including the empty, NaN, histogram, band and log ones: no crash, and bars are hit
  // anywhere over the bar, not only at the top.
  for (int k = 1; k < 12; ++k) {
    const PlotTransform& pk = gallery.plots[k].transform();
    io.MousePos = ImVec2(0.5f * (pk.min.x + pk.max.x), 0.5f * (pk.min.y + pk.max.y));
    frame([&] { gallery.draw(data); });
    EXPECT_TRUE(gallery.plots[k].hovered()) << "plot " << k;
  }
  const PlotTransform& b = gallery.plots[1].transform();
  io.MousePos = b.toPixel(4.0, 0.5);  // halfway up the bar of coefficient 4 (1.7)
  frame([&] { gallery.draw(data); });
  EXPECT_EQ(gallery.plots[1].hit().index, 4);
  EXPECT_DOUBLE_EQ(gallery.plots[1].hit().y, 1.7);
}

TEST_F(HeadlessImGui, ReusedPlotDoesNotAllocateEveryFrame) {
  const Data data;
  Gallery gallery;
  ImGuiIO& io = ImGui::GetIO();
  for (int f = 0; f < 3; ++f) frame([&] { gallery.draw(data); });
  io.MousePos = gallery.plots[2].transform().toPixel(0.0, 0.1);  // hover readout included
  frame([&] { gallery.draw(data); });
  long during = 0;
  frame([&] {
    const long before = g_allocations.load();
    gallery.draw(data);
    during = g_allocations.load() - before;
  });
  EXPECT_EQ(during, 0) << "a warmed-up Plot reuses its buffers";
}

namespace nr::app {
namespace {

// A dense series (many more points than pixel columns) is drawn with at most two points per column: a smooth
// curve with about one, a noisy one with its whole envelope (the lowest and highest point of every column).
TEST_F(HeadlessImGui, DenseLinesKeepTheirEnvelopeWithAboutOnePointPerColumn) {
  const int n = 20000;
  std::vector<double> x(n), smooth(n), noisy(n);
  for (int i = 0; i < n; ++i) {
    x[i] = i;
    smooth[i] = std::exp(-i / 5000.0);
    noisy[i] = smooth[i] + (i % 2 ? 0.25 : -0.25);
  }
  PlotConfig cfg;
  cfg.legend = false;
  auto draw = [&](const std::vector<double>& y, double lo, double hi, PlotTransform& t, ImVec2& yRange) {
    Plot plot;
    const int before = frame([&] {
      PlotConfig c = cfg;
      c.y.min = lo, c.y.max = hi;
      if (plot.begin("dense", ImVec2(600, 300), c)) plot.end();  // frame, axes and labels alone
    });
    int with = 0;
    with = frame([&] {
      PlotConfig c = cfg;
      c.y.min = lo, c.y.max = hi;
      if (plot.begin("dense", ImVec2(600, 300), c)) {
        SeriesStyle st;
        st.color = IM_COL32(255, 0, 255, 255);  // only the line has this colour
        plot.line("y", x.data(), y.data(), n, st);
        plot.end();
      }
      t = plot.transform();
      // The line's vertices (its colour) away from its ends.
      yRange = ImVec2(FLT_MAX, -FLT_MAX);
      const ImDrawList* dl = ImGui::GetWindowDrawList();
      for (int v = 0; v < dl->VtxBuffer.Size; ++v) {
        const ImVec2 p = dl->VtxBuffer[v].pos;
        if ((dl->VtxBuffer[v].col & 0x00FFFFFF) == (IM_COL32(255, 0, 255, 0) & 0x00FFFFFF) && p.x > t.min.x + 5 &&
            p.x < t.max.x - 5) {
          yRange.x = std::min(yRange.x, p.y);
          yRange.y = std::max(yRange.y, p.y);
        }
      }
    });
    return with - before;
  };
  PlotTransform t;
  ImVec2 range;
  const int smoothVertices = draw(smooth, -0.5, 1.5, t, range);
  const float columns = t.max.x - t.min.x;
  // A 2-pixel anti-aliased line is drawn with two vertices per point (ImGui 1.86 textured lines): about one point
  // per column (a monotone curve kept the first and last of each, two, before), far fewer than 20,000.
  EXPECT_LT(smoothVertices, 2.0f * 1.2f * columns);
  EXPECT_GT(smoothVertices, 2.0f * 0.8f * columns);
  const int noisyVertices = draw(noisy, -0.5, 1.5, t, range);
  EXPECT_LT(noisyVertices, 2.0f * 2.2f * columns);
  // The envelope survives: vertices reach within a line width of the highest (1.25) and lowest (≈0.019 − 0.25)
  // values of the data.
  const double pxPerUnit = (t.max.y - t.min.y) / (t.yHi - t.yLo);
  const double top = t.max.y - (1.25 - t.yLo) * pxPerUnit;
  const double bottom = t.max.y - (smooth[n - 1] - 0.25 - t.yLo) * pxPerUnit;
  EXPECT_NEAR(range.x, top, 4.0);
  EXPECT_NEAR(range.y, bottom, 4.0);
}

}  // namespace
}  // namespace nr::app

// What a plot reports it needs is what it really needs: drawn at that height (at several widths), the title and every
// legend name are whole and the data area is at least four and a half lines; two lines less, and it is not.
TEST_F(HeadlessImGui, MinFrameHeightIsWhatTheTitleLegendAndAxesReallyNeed) {
  const Data data;
  Plot plot;
  PlotConfig cfg;
  cfg.title = "Training and validation loss per epoch, with and without the penalty";
  cfg.x.label = "epoch";
  cfg.y.label = "loss";
  LayoutProbe probe;
  cfg.probe = &probe;
  const char* names[] = {"train, with penalty", "validation, with penalty", "train, no penalty",
                         "validation, no penalty", "best epoch"};
  auto draw = [&](ImVec2 size) {
    frame([&] {
      if (plot.begin("need", size, cfg)) {
        for (int s = 0; s < 5; ++s)
          plot.line(names[s], data.xs.data(), data.sine.data(), int(data.xs.size()), {plotColor(s)});
        plot.end();
      }
    });
  };
  PlotNeedSink sink;
  const float font = 13.0f;  // ImGui's default font
  for (float w : {260.0f, 400.0f, 700.0f, 1100.0f}) {
    SCOPED_TRACE(w);
    setPlotNeedSink(&sink);
    sink.reports = 0;
    draw(ImVec2(w, 400));
    setPlotNeedSink(nullptr);
    ASSERT_EQ(sink.reports, 1);
    ASSERT_EQ(sink.need.entryW.size(), 5u);
    float need = 0.0f;
    frame([&] { need = plotMinFrameHeight(sink.need, w); });
    probe.clear();
    draw(ImVec2(w, need));
    ASSERT_EQ(probe.plotAreas.size(), 1u);
    EXPECT_GE(probe.plotAreas[0].max.y - probe.plotAreas[0].min.y, 4.5f * font - 1.0f);
    EXPECT_TRUE(probe.shortened.empty()) << probe.shortened.front().text;
    // Narrower plots wrap the legend onto more rows and need more height.
    float narrower = 0.0f;
    frame([&] { narrower = plotMinFrameHeight(sink.need, 0.6f * w); });
    EXPECT_GE(narrower, need);
    // Two lines less than the need: the plot has to shorten something or give up data rows.
    probe.clear();
    draw(ImVec2(w, need - 2.0f * font));
    ASSERT_EQ(probe.plotAreas.size(), 1u);
    EXPECT_TRUE(!probe.shortened.empty() || probe.plotAreas[0].max.y - probe.plotAreas[0].min.y < 4.5f * font - 1.0f);
  }
}

// The weight plane: a square area over [−half, half]² whatever the widget's shape, an image exactly under its data
// rectangle with the texture's first row at the bottom, and a filled polygon whose vertices land where the
// transform puts its data points.
TEST_F(HeadlessImGui, WeightPlaneIsSquareWithImageAndPolygonInDataUnits) {
  Plot plot;
  const double xs[4] = {1.0, 0.0, -1.0, 0.0}, ys[4] = {0.0, 1.0, 0.0, -1.0};  // the L1 ball of radius 1
  ImTextureID texture = reinterpret_cast<ImTextureID>(static_cast<intptr_t>(42));
  SeriesStyle ball;
  ball.color = IM_COL32(200, 120, 0, 255);
  ball.fillAlpha = 0.25f;
  ImDrawList* dl = nullptr;
  int before = 0, after = 0;
  for (int f = 0; f < 2; ++f)
    frame([&] {
      dl = ImGui::GetWindowDrawList();
      if (plot.begin("plane", ImVec2(500, 300), weightPlaneConfig(PlotConfig{}, 3.0, "L1", ImVec2(500, 300)))) {
        plot.image(texture, -3.0, 3.0, -3.0, 3.0);
        weightPlaneAxes(plot, 3.0);
        before = dl->VtxBuffer.Size;
        plot.polygon("ball", xs, ys, 4, ball);
        plot.end();
        after = dl->VtxBuffer.Size;
      }
    });
  const PlotTransform& t = plot.transform();
  EXPECT_EQ(t.xLo, -3.0);
  EXPECT_EQ(t.xHi, 3.0);
  EXPECT_EQ(t.yLo, -3.0);
  EXPECT_EQ(t.yHi, 3.0);
  EXPECT_NEAR(t.max.x - t.min.x, t.max.y - t.min.y, 1.0) << "one data unit as long on both axes";
  // The image is one draw command with our texture, covering the plot area with v = 1 at the top.
  bool found = false;
  for (const ImDrawCmd& cmd : dl->CmdBuffer) {
    if (cmd.TextureId != texture) continue;
    found = true;
    const ImDrawVert* v = dl->VtxBuffer.Data + cmd.VtxOffset + dl->IdxBuffer[int(cmd.IdxOffset)];
    EXPECT_NEAR(v->pos.x, t.min.x, 0.5);
    EXPECT_NEAR(v->pos.y, t.min.y, 0.5);
    EXPECT_NEAR(v->uv.y, 1.0f, 1e-6) << "the texture's last row at the top";
  }
  EXPECT_TRUE(found) << "no draw command used the image's texture";
  ASSERT_GT(after, before);
  // Every vertex of the ball's outline lies near the ball's edge in pixels (|x| + |y| = 1 in data units).
  const float unit = (t.max.x - t.min.x) / 6.0f, weight = 2.0f;
  int onEdge = 0;
  for (int v = 0; v < dl->VtxBuffer.Size; ++v) {
    if ((dl->VtxBuffer[v].col & 0x00FFFFFF) != (ball.color & 0x00FFFFFF)) continue;
    const ImVec2 p = dl->VtxBuffer[v].pos;
    const double dx = (p.x - t.toPixelX(0.0)) / unit, dy = (p.y - t.toPixelY(0.0)) / unit;
    EXPECT_NEAR(std::fabs(dx) + std::fabs(dy), 1.0, 2.0 * weight / unit) << p.x << ", " << p.y;
    ++onEdge;
  }
  EXPECT_GT(onEdge, 8);
}

// A stand-alone legend's height is known before it is drawn (a canvas panel sizes itself by it): the same as the
// height legendBlock() then uses, at every width, and never less on a narrower panel (more rows, not fewer).
TEST_F(HeadlessImGui, LegendBlockHeightIsTheHeightItUses) {
  using M = LegendItem::Mark;
  const LegendItem items[] = {{"likelihood", IM_COL32(0, 114, 178, 255), M::Line},
                              {"Laplace", IM_COL32(230, 159, 0, 255), M::Line},
                              {"posterior", IM_COL32(200, 40, 40, 255), M::Box},
                              {"MLE (least squares)", IM_COL32(0, 114, 178, 255), M::Ring},
                              {"MAP", IM_COL32(20, 20, 20, 255), M::Ring, false, IM_COL32_WHITE},
                              {"true w", IM_COL32(128, 128, 128, 255), M::Cross}};
  const int n = static_cast<int>(std::size(items));
  float previous = 0.0f;
  for (float width = 600.0f; width >= 60.0f; width -= 37.0f) {
    float predicted = 0.0f, used = 0.0f;
    frame([&] {
      predicted = legendBlockHeight(items, n, width, 1.0f);
      used = legendBlock(items, n, width, 1.0f);
    });
    EXPECT_EQ(predicted, used) << "width " << width;
    EXPECT_GE(predicted, previous) << "width " << width;
    previous = predicted;
  }
  EXPECT_GT(previous, 3.0f * ImGui::GetTextLineHeight()) << "a narrow legend flows onto several rows";
}

// A weight plane in a tall panel: heightForSquare() gives the frame height at which the data area is square without
// narrowing, so the text below the plane follows it; the data area keeps its width.
TEST_F(HeadlessImGui, WeightPlaneHeightForSquareLeavesNoGap) {
  Plot plot;
  const PlotConfig cfg = weightPlaneConfig(PlotConfig{}, 3.0, "L2", ImVec2(300, 300));
  float tallH = 0.0f, tallW = 0.0f;
  for (int f = 0; f < 2; ++f)
    frame([&] {
      if (plot.begin("plane", ImVec2(300, 600), cfg)) plot.end();
    });
  tallW = plot.transform().max.x - plot.transform().min.x;
  tallH = plot.transform().max.y - plot.transform().min.y;
  EXPECT_NEAR(tallW, tallH, 1.0f);
  const float h = plot.heightForSquare(300.0f, 600.0f);
  EXPECT_LT(h, 450.0f) << "a 300-pixel-wide plane does not need 600 pixels";
  for (int f = 0; f < 2; ++f)
    frame([&] {
      if (plot.begin("plane", ImVec2(300, h), cfg)) plot.end();
    });
  const PlotTransform& t = plot.transform();
  EXPECT_NEAR(t.max.x - t.min.x, tallW, 1.0f) << "the plane is as wide as before";
  EXPECT_NEAR(t.max.y - t.min.y, t.max.x - t.min.x, 1.0f) << "and still square";
  EXPECT_EQ(plot.heightForSquare(300.0f, 600.0f), h) << "asking again gives the same height: no creeping";
  EXPECT_EQ(plot.heightForSquare(300.0f, 100.0f), 100.0f) << "never more than the room there is";
}

}  // namespace
}  // namespace nr::app
