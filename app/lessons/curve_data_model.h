#pragma once
// A 1-D regression toy set shared by the dropout and early-stopping models: y = sin(3x) + noise on x ∈ [−1, 1].
// One input makes the model's whole function a curve the eye can judge: a wiggle through single noisy points is
// overfitting, a band around the mean is MC-dropout's spread.

#include <cstdint>
#include <vector>

#include "nr/datasets.h"

namespace nr::app {

/// The noise-free function the points are drawn around.
double curveTarget(double x);

/// n points, x stratified in [−1, 1] (one uniform in each of n equal cells, so sorted) and y = curveTarget(x) + N(0, noise²), from `seed`.
core::LabeledData makeCurveSet(int n, double noise, uint64_t seed);

/// The biased variance of the targets: the MSE of predicting their mean (the yardstick for a blown-up run).
double targetVariance(const core::LabeledData& data);

/// n evenly spaced x in [lo, hi] (n ≥ 2), as floats: the grid a model's curve is drawn on.
std::vector<float> curveGrid(int n, double lo, double hi);

}  // namespace nr::app
