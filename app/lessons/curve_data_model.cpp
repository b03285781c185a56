#include "lessons/curve_data_model.h"

#include <algorithm>
#include <cmath>

#include "nr/rng.h"

namespace nr::app {

double curveTarget(double x) { return std::sin(3.0 * x); }

core::LabeledData makeCurveSet(int n, double noise, uint64_t seed) {
  core::Rng rng(seed);
  // Stratified: one point uniform in each of n equal cells of [−1, 1]. Random, but a dozen points never leave half
  // the interval empty, where any model would be judged on extrapolation instead of on fitting the noise.
  std::vector<double> xs(static_cast<size_t>(std::max(n, 0)));
  for (size_t i = 0; i < xs.size(); ++i) xs[i] = -1.0 + 2.0 * (double(i) + rng.uniform()) / double(xs.size());
  core::LabeledData d;
  d.features = 1;
  d.classes = 0;
  d.labelWidth = 1;
  for (double x : xs) {
    d.x.push_back(static_cast<float>(x));
    d.y.push_back(static_cast<float>(curveTarget(x) + noise * rng.normal()));
  }
  return d;
}

std::vector<float> curveGrid(int n, double lo, double hi) {
  std::vector<float> g(static_cast<size_t>(std::max(n, 2)));
  for (size_t i = 0; i < g.size(); ++i) g[i] = static_cast<float>(lo + (hi - lo) * double(i) / double(g.size() - 1));
  return g;
}

double targetVariance(const core::LabeledData& data) {
  double mean = 0.0, var = 0.0;
  for (float y : data.y) mean += y;
  mean /= data.y.size();
  for (float y : data.y) var += (y - mean) * (y - mean);
  return var / data.y.size();
}

}  // namespace nr::app
