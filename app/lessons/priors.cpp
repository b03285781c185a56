// priors — the MAP estimate of a small Bayesian linear regression is the L1 or L2 penalized solution. The teaching
// choice: compute the MAP twice, independently — (a) by penalty-geometry's exact solver at λ = σ²/(n·b) or
// σ²/(n·τ²), (b) from the posterior in its own units, without any λ — and print both with their difference, so
// "MAP = penalized optimum" is a number on the screen, not a claim. Both priors share one standard deviation, so
// the picture compares their shapes (Laplace: a sharper peak and heavier tails), not their widths.

#include "lessons/priors.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "lessons/controls.h"
#include "kit/latex.h"
#include "kit/text.h"

namespace nr::app {

PriorsLesson::PriorsLesson() { apply(); }
PriorsLesson::~PriorsLesson() = default;

void PriorsLesson::apply() {
  m_model.set(m_p);
  m_fieldsDirty = true;  // recomputed when next drawn (and only when drawn: tests and hidden posteriors skip it)
}

// [SECTION] Parameters

void PriorsLesson::reset() {
  m_p = Params();
  apply();
}

const ParamTable<PriorsLesson::Params>& PriorsLesson::table() {
  // w₂ also visits 0: a true weight of exactly 0, the case a Laplace prior is made for. The seed comes last, so the
  // last extreme step (seed 9999) leaves the lesson away from its defaults, as every extreme sweep should.
  static const auto t = ParamTable<Params>()
      .real("prior_std", &Params::priorStd, PriorsModel::kStdMin, PriorsModel::kStdMax).log()
          .label("priors.std").tip("priors.std.tip")
      .integer("n", &Params::n, 3, 200).label("priors.n").tip("priors.n.tip")
      .real("noise", &Params::noise, 0.1, 3.0).format("%.2f").label("priors.noise").tip("priors.noise.tip")
      .real("correlation", &Params::correlation, -0.95, 0.95).format("%.2f").label("priors.rho").tip("priors.rho.tip")
      .real("w1", &Params::w1, -2.5, 2.5).format("%.2f").label("priors.w1").tip("priors.w.tip")
      .real("w2", &Params::w2, -2.5, 2.5).format("%.2f").extremes({-2.5, 0.0, 2.5}).label("priors.w2").tip("priors.w.tip")
      .boolean("show_likelihood", &Params::showLikelihood).label("priors.lik").tip("priors.lik.tip")
      .boolean("show_prior", &Params::showPrior).label("priors.pri").tip("priors.pri.tip")
      .boolean("show_posterior", &Params::showPosterior).label("priors.post").tip("priors.post.tip")
      .boolean("show_path", &Params::showPath).label("priors.path").tip("priors.path.tip")
      .integer("seed", &Params::seed, 0, 9999).input().label("priors.seed").tip("priors.seed.tip");
  return t;
}

nlohmann::json PriorsLesson::params() const {
  nlohmann::json j;
  table().write(m_p, j);
  return j;
}

void PriorsLesson::setParams(const nlohmann::json& j, std::vector<std::string>& warnings,
                             std::vector<std::string>& errors) {
  Params p = m_p;
  ParamReader r(j, warnings, errors);
  table().read(r, p);
  if (!r.finish()) return;
  m_p = p;
  apply();
}

void PriorsLesson::interact(int frame) {
  // The prior narrows and widens between s = 0.03 and 3: the MAP runs along its path every frame.
  m_p.priorStd = std::pow(10.0, -0.5 + 1.0 * std::sin(frame * 0.05));
  apply();
}

// [SECTION] Controls

void PriorsLesson::drawControls(LessonContext& ctx) {
  bool changed = false;
  sectionHeader(ctx.tr("priors.prior"));
  changed |= table().control(ctx, m_p, "prior_std");
  disabledText(ctx.tr("priors.widths"), m_model.estimate(PriorsModel::kLaplace).width, m_p.priorStd);
  sectionHeader(ctx.tr("priors.data"));
  for (const char* key : {"n", "noise", "correlation", "w1", "w2", "seed"}) changed |= table().control(ctx, m_p, key);
  sectionHeader(ctx.tr("priors.show"));
  table().control(ctx, m_p, "show_likelihood");
  sameLineIfRoom(ctx.tr("priors.pri"));
  table().control(ctx, m_p, "show_prior");
  table().control(ctx, m_p, "show_posterior");
  sameLineIfRoom(ctx.tr("priors.path"));
  table().control(ctx, m_p, "show_path");
  if (changed) apply();
}

// [SECTION] Formatting

std::string PriorsLesson::formatPoint(const Eigen::Vector2d& w, int decimals) {
  auto coord = [&](double v, char* buf, size_t size) {
    if (v == 0.0)
      std::snprintf(buf, size, "0");
    else
      std::snprintf(buf, size, "%.*f", decimals, v);
  };
  char a[32], b[32], out[80];
  coord(w.x(), a, sizeof a);
  coord(w.y(), b, sizeof b);
  std::snprintf(out, sizeof out, "(%s, %s)", a, b);
  return out;
}

std::string PriorsLesson::formatDiff(double d) {
  char buf[32];
  if (d == 0.0)
    std::snprintf(buf, sizeof buf, "0");
  else
    std::snprintf(buf, sizeof buf, "%.1e", d);
  return buf;
}

// [SECTION] Formula

void PriorsLesson::drawFormula(LessonContext& ctx) {
  // Short lines: the formula column is about 55 characters wide at 1600×900.
  const PriorsModel::Estimate& l = m_model.estimate(PriorsModel::kLaplace);
  const PriorsModel::Estimate& g = m_model.estimate(PriorsModel::kGaussian);
  wrappedText("−log p(w|y) = (1/2σ²)‖y − Xw‖² − log p(w) + const");
  formulaText("  ×σ²/n → (1/2n)‖y − Xw‖² + λ·P(w),   σ = %.3g, n = %d", double(m_p.noise), m_p.n);
  formulaText("%s b = s/√2 = %.4g:  P = ‖w‖₁,  λ = σ²/(n·b) = %.6g", ctx.tr("priors.laplace"), l.width, l.lambda);
  formulaText("  MAP = %s   |Δ| = %s", formatPoint(l.solver).c_str(), formatDiff(l.difference).c_str());
  formulaText("%s τ = s = %.4g:  P = ½‖w‖²,  λ = σ²/(n·τ²) = %.6g", ctx.tr("priors.gauss"), m_p.priorStd, g.lambda);
  formulaText("  MAP = %s   |Δ| = %s", formatPoint(g.solver).c_str(), formatDiff(g.difference).c_str());
  formulaText("MLE = (XᵀX)⁻¹Xᵀy = %s", formatPoint(m_model.mle()).c_str());
}

std::string PriorsLesson::formulaLatex() const {
  const PriorsModel::Estimate& l = m_model.estimate(PriorsModel::kLaplace);
  const PriorsModel::Estimate& g = m_model.estimate(PriorsModel::kGaussian);
  auto point = [](const Eigen::Vector2d& w) {
    return "(" + (w.x() == 0.0 ? std::string("0") : latexNumber(w.x(), 6)) + ", " +
           (w.y() == 0.0 ? std::string("0") : latexNumber(w.y(), 6)) + ")";
  };
  return "\\begin{aligned}\n"
         "-\\log p(w\\mid y) &= \\tfrac{1}{2\\sigma^2}\\|y - Xw\\|^2 - \\log p(w) + c,\\quad \\sigma = " +
         latexNumber(m_p.noise) + ",\\ n = " + std::to_string(m_p.n) +
         "\\\\\n" + latexText("priors.tex.laplace") + "(b = " + latexNumber(l.width) +
         "):\\ \\hat w_{\\text{MAP}} &= \\arg\\min_w \\tfrac{1}{2n}\\|y - Xw\\|^2 + \\lambda\\|w\\|_1,\\quad "
         "\\lambda = \\tfrac{\\sigma^2}{n b} = " + latexNumber(l.lambda) + ",\\quad \\hat w = " + point(l.solver) +
         "\\\\\n" + latexText("priors.tex.gaussian") + "(\\tau = " + latexNumber(m_p.priorStd) +
         "):\\ \\hat w_{\\text{MAP}} &= \\arg\\min_w \\tfrac{1}{2n}\\|y - Xw\\|^2 + \\tfrac{\\lambda}{2}\\|w\\|^2,\\quad "
         "\\lambda = \\tfrac{\\sigma^2}{n\\tau^2} = " + latexNumber(g.lambda) + ",\\quad \\hat w = " + point(g.solver) +
         "\n\\end{aligned}";
}

}  // namespace nr::app
