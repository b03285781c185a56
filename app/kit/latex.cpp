#include "kit/latex.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace nr::app {

std::string latexFactor(double v, int digits) {
  const std::string s = latexNumber(v, digits);
  return v < 0 ? "(" + s + ")" : s;
}

std::string latexNumber(double v, int digits) {
  if (!std::isfinite(v)) return std::isnan(v) ? "\\mathrm{NaN}" : (v > 0 ? "\\infty" : "-\\infty");
  if (v == 0) return "0";
  const double a = std::fabs(v);
  char buf[64];
  if (a >= 1e-3 && a < 1e5) {
    std::snprintf(buf, sizeof buf, "%.*g", digits, v);
    return buf;
  }
  int exp = static_cast<int>(std::floor(std::log10(a)));
  double mant = v / std::pow(10.0, exp);
  std::snprintf(buf, sizeof buf, "%.*g", digits, mant);
  if (std::fabs(std::atof(buf)) >= 10.0) {  // rounding carried over: 9.99996 → 10
    ++exp;
    mant /= 10.0;
    std::snprintf(buf, sizeof buf, "%.*g", digits, mant);
  }
  const std::string m = buf;
  const std::string e = "10^{" + std::to_string(exp) + "}";
  if (m == "1") return e;
  if (m == "-1") return "-" + e;
  return m + " \\times " + e;
}

}  // namespace nr::app
