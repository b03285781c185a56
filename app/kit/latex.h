#pragma once
// Small helpers for writing formulas with today's numbers as LaTeX (copy-as-LaTeX, exported notes).

#include <string>

namespace nr::app {

/// A number as LaTeX: 0.1173, -2.5, 1.5 \times 10^{-5} (scientific below 1e-3 and above 1e5), 10^{-5} when the
/// mantissa is 1. `digits` significant digits.
std::string latexNumber(double v, int digits = 4);
/// latexNumber() in parentheses when negative: a number that follows an operator (q \cdot (-1.043), x - (-0.5)).
std::string latexFactor(double v, int digits = 4);

}  // namespace nr::app
