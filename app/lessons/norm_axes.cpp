// norm-axes — which elements share a mean and a variance. The teaching choice: one colour per statistics group,
// in the same cube as the Group Normalization paper's figure, so switching BN → LN → IN → GN visibly regroups
// the same cells while the formula stays the same. All numbers come from the model (nr::core::normalize).

#include "lessons/norm_axes.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <filesystem>

#include "nr/activations.h"
#include "kit/latex.h"
#include "lessons/controls.h"
#include "kit/text.h"

namespace nr::app {

// [SECTION] State

NormAxesLesson::NormAxesLesson() { recompute(); }

const ParamTable<NormAxesLesson::Params>& NormAxesLesson::table() {
  // G is declared before C so that, one parameter at a time, G = 6 meets the default C = 6; 2 comes last because
  // the all-high step has C = 16. C stays even one at a time for the default G = 2 (C = 1 is an error then).
  static const auto t = ParamTable<Params>()
      .choice("mode", &Params::mode, {"batch", "layer", "instance", "group", "custom"}, {}).hidden()  // radio buttons
      .integer("groups", &Params::groups, 1, 16).hidden().extremes({1, 6, 2})  // a choice slider over divisors of C
      .integer("n", &Params::n, 1, 8).label("norm-axes.n").tip("norm-axes.shape.tip")
      .integer("c", &Params::c, 1, 16).label("norm-axes.c").tip("norm-axes.shape.tip").extremes({2, 16})
      .integer("h", &Params::h, 1, 8).label("norm-axes.h").tip("norm-axes.shape.tip")
      .integer("w", &Params::w, 1, 8).label("norm-axes.w").tip("norm-axes.shape.tip")
      .boolean("axis_n", &Params::axisN).hidden()  // checkboxes that refuse to clear the last axis
      .boolean("axis_c", &Params::axisC).hidden()
      .boolean("axis_h", &Params::axisH).hidden()
      .boolean("axis_w", &Params::axisW).hidden()
      .real("gamma", &Params::gamma, -3.0, 3.0).label("norm-axes.gamma").tip("norm-axes.gamma.tip")
      .real("beta", &Params::beta, -3.0, 3.0).label("norm-axes.beta").tip("norm-axes.beta.tip")
      .real("eps", &Params::eps, 1e-8, 1.0).log().label("norm-axes.eps").tip("norm-axes.eps.tip")
      .integer("seed", &Params::seed, 0, 1000000).input().label("norm-axes.seed").tip("norm-axes.seed.tip")
      .choice("color_by", &Params::colorBy, {"group", "input", "output"},
              {"norm-axes.by.group", "norm-axes.by.x", "norm-axes.by.y"})
      .label("norm-axes.colorby").tip("norm-axes.colorby.tip")
      .real("view_yaw", &Params::viewYaw, -100.0, 100.0).hidden()  // dragged on the cube
      .real("view_pitch", &Params::viewPitch, -1.45, 1.45).hidden()
      .integer("focus_n", &Params::focusN, -1, 7).hidden()  // clicked on a cell
      .integer("focus_c", &Params::focusC, 0, 15).hidden()
      .integer("focus_h", &Params::focusH, 0, 7).hidden()
      .integer("focus_w", &Params::focusW, 0, 7).hidden();
  return t;
}

void NormAxesLesson::recompute() {
  m_model.update(m_p);
  dropHiddenFocus();
}

void NormAxesLesson::dropHiddenFocus() {
  const int* show = m_model.shown();
  if (m_hover.valid() && (m_hover.n >= show[0] || m_hover.c >= show[1] || m_hover.s >= show[2] * show[3]))
    m_hover = {};
  if (m_p.focusN >= show[0] || m_p.focusC >= show[1] || m_p.focusH >= show[2] || m_p.focusW >= show[3])
    m_p.focusN = -1;
}

CubeCell NormAxesLesson::focus() const {
  if (m_hover.valid()) return m_hover;
  if (m_p.focusN >= 0) return {m_p.focusN, m_p.focusC, m_p.focusH * m_model.shown()[3] + m_p.focusW};
  return {};
}

void NormAxesLesson::reset() {
  m_p = Params();
  m_view.reset();
  m_hover = {};
  m_model.useGeneratedData(m_p);
  dropHiddenFocus();
}

nlohmann::json NormAxesLesson::params() const {
  Params p = m_p;
  p.viewYaw = m_view.yaw, p.viewPitch = m_view.pitch;
  nlohmann::json j;
  table().write(p, j);
  // Own activations are not part of a scene (a file is not a parameter): their name is, so the scene says so.
  if (!m_model.dataFile().empty()) j["data_file"] = m_model.dataFile();
  return j;
}

void NormAxesLesson::setParams(const nlohmann::json& j, std::vector<std::string>& warnings,
                               std::vector<std::string>& errors) {
  Params p = m_p;
  p.viewYaw = m_view.yaw, p.viewPitch = m_view.pitch;
  ParamReader r(j, warnings, errors);
  table().read(r, p);
  std::string file;
  r.read("data_file", file);
  if (!r.finish()) return;
  // The file the scene was made with stays only if it is the one shown; otherwise generated data, and a word why.
  const bool keepOwn = !file.empty() && file == m_model.dataFile();
  if (!file.empty() && !keepOwn)
    warnings.push_back("this scene showed activations from " + file +
                       "; drop that file on Normalization axes to see them again (generated data until then)");
  const int64_t channels = keepOwn ? m_model.input().c() : p.c;
  if (channels % p.groups != 0) {
    errors.push_back("'groups' (" + std::to_string(p.groups) + ") must divide the channel count (" +
                     std::to_string(channels) + ")");
    return;
  }
  if (p.mode == Params::kCustom && !(p.axisN || p.axisC || p.axisH || p.axisW)) {
    errors.push_back("a custom choice needs at least one of axis_n, axis_c, axis_h, axis_w");
    return;
  }
  m_p = p;
  m_view.yaw = p.viewYaw, m_view.pitch = p.viewPitch;
  if (!keepOwn && !m_model.dataFile().empty()) {
    m_model.useGeneratedData(m_p);  // the generated tensor again
    dropHiddenFocus();
  } else {
    recompute();
  }
}

bool NormAxesLesson::acceptsFileDrop(const std::string& path) const {
  std::string ext = std::filesystem::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char ch) { return char(std::tolower(ch)); });
  return ext == ".npy";
}

void NormAxesLesson::onFileDrop(const std::string& path, LessonContext& ctx) {
  const std::string name = std::filesystem::path(path).filename().string();
  core::Tensor x;
  try {
    x = core::readActivations(path, name);  // the checks and messages of nrlab normalize
  } catch (const core::ActivationError& e) {
    if (ctx.messages) ctx.messages->push_back(e.what());
    return;  // nothing changes
  }
  m_p.focusN = -1;
  m_hover = {};
  m_view.reset();
  m_model.useOwnData(std::move(x), name, m_p);
  dropHiddenFocus();
}

void NormAxesLesson::useGeneratedData() {
  m_p.focusN = -1;
  m_hover = {};
  m_model.useGeneratedData(m_p);
  dropHiddenFocus();
}

void NormAxesLesson::interact(int frame) {
  // The main parameter: which axes are averaged over. Cycle the presets (and G) every frame.
  m_p.mode = frame % 4;
  m_p.groups = (frame / 4) % 2 ? 3 : 2;
  recompute();
}

// [SECTION] Controls

void NormAxesLesson::drawControls(LessonContext& ctx) {
  bool changed = false;
  drawModeControls(ctx, changed);
  {
    const core::NormSpec s = m_model.spec(m_p);
    formulaText(ctx.tr("norm-axes.reduced"), s.axes.toString().c_str());
    formulaText(ctx.tr("norm-axes.count"), static_cast<long long>(m_model.result().groups.groupCount()),
                static_cast<long long>(m_model.result().groups.groupSize()));
  }
  drawShapeControls(ctx, changed);

  sectionHeader(ctx.tr("norm-axes.affine"));
  for (const char* key : {"gamma", "beta", "eps", "color_by"}) changed |= table().control(ctx, m_p, key);

  if (changed) recompute();
  drawStatsTable(ctx);
}

void NormAxesLesson::drawModeControls(LessonContext& ctx, bool& changed) {
  wrappedTextDisabled(ctx.tr("norm-axes.preset"));
  static const char* names[] = {"BN", "LN", "IN", "GN"};
  static const char* tips[] = {"norm-axes.bn.tip", "norm-axes.ln.tip", "norm-axes.in.tip", "norm-axes.gn.tip"};
  for (int m = 0; m < 4; ++m) {
    if (m) sameLineIfRoom(names[m]);
    changed |= radioButton(names[m], &m_p.mode, m);
    tip(ctx, tips[m]);
  }
  sameLineIfRoom(ctx.tr("norm-axes.custom"));
  changed |= radioButton(ctx.tr("norm-axes.custom"), &m_p.mode, Params::kCustom);
  tip(ctx, "norm-axes.custom.tip");

  if (m_p.mode == Params::kGroup) {
    // Only the divisors of C: a typed value that is not one becomes the nearest that is.
    std::vector<int> allowed;
    for (int64_t g : core::divisors(m_model.channels(m_p))) allowed.push_back(static_cast<int>(g));
    changed |= choiceSlider(ctx, ctx.tr("norm-axes.groups"), m_p.groups, allowed);
    tip(ctx, "norm-axes.groups.tip");
  }
  if (m_p.mode != Params::kCustom) return;
  wrappedText(ctx.tr("norm-axes.axes"));
  bool* flags[] = {&m_p.axisN, &m_p.axisC, &m_p.axisH, &m_p.axisW};
  static const char* axisNames[] = {"N", "C", "H", "W"};
  static const char* axisTips[] = {"norm-axes.axis.n.tip", "norm-axes.axis.c.tip", "norm-axes.axis.h.tip",
                                   "norm-axes.axis.w.tip"};
  for (int i = 0; i < 4; ++i) {
    ImGui::SameLine();
    bool v = *flags[i];
    if (checkbox(axisNames[i], &v)) {
      const int others = int(m_p.axisN) + int(m_p.axisC) + int(m_p.axisH) + int(m_p.axisW) - int(*flags[i]);
      if (v || others > 0) {
        *flags[i] = v;
        changed = true;
      } else if (ctx.messages) {
        ctx.messages->push_back(ctx.tr("norm-axes.axes.none"));
      }
    }
    tip(ctx, axisTips[i]);
  }
}

void NormAxesLesson::drawShapeControls(LessonContext& ctx, bool& changed) {
  sectionHeader(ctx.tr("norm-axes.shape"));
  if (m_model.dataFile().empty()) {
    wrappedTextDisabled(ctx.tr("norm-axes.file.hint"));
    for (const char* key : {"n", "c", "h", "w", "seed"}) changed |= table().control(ctx, m_p, key);
    return;
  }
  // Own activations: their file and true shape, what the pictures show of them, and the way back.
  const core::Tensor& x = m_model.input();
  const int* show = m_model.shown();
  char buf[400];
  std::snprintf(buf, sizeof buf, ctx.tr("norm-axes.file"), m_model.dataFile().c_str(),
                core::shapeToString(x.shape()).c_str(), static_cast<long long>(x.size()));
  wrappedText(buf);
  if (m_model.partlyShown()) {
    std::snprintf(buf, sizeof buf, ctx.tr("norm-axes.file.shown"), show[0], show[1], show[2], show[3]);
    wrappedTextDisabled(buf);
  }
  if (button(ctx.tr("norm-axes.generated"))) useGeneratedData();
  tip(ctx, "norm-axes.generated.tip");
}

// [SECTION] Formula

NormCellNumbers NormAxesLesson::focusNumbers(CubeCell& cell) const {
  cell = focus();
  if (!cell.valid()) cell = CubeCell{0, 0, 0};
  const int w = m_model.shown()[3];
  return m_model.cell(cell.n, cell.c, cell.s / w, cell.s % w);
}

// A negative number after an operator in parentheses: x − (−0.5), 1.00 × (−0.7540).
static std::string factor(double v, const char* fmt = "%.4f") {
  char b[64];
  std::snprintf(b, sizeof b, fmt, v);
  return v < 0 ? "(" + std::string(b) + ")" : std::string(b);
}

std::string NormAxesLesson::formulaLatex() const {
  CubeCell cell;
  const NormCellNumbers k = focusNumbers(cell);
  char buf[1200];
  std::snprintf(buf, sizeof buf,
                "\\begin{aligned}\n"
                "\\mu_g &= \\frac{1}{m}\\sum_{i \\in g} x_i = %.4f \\qquad (m = %lld)\\\\\n"
                "\\sigma_g^2 &= \\frac{1}{m}\\sum_{i \\in g} (x_i - \\mu_g)^2 = %.4f\\\\\n"
                "\\hat{x} &= \\frac{x - \\mu_g}{\\sqrt{\\sigma_g^2 + \\epsilon}} = "
                "\\frac{%.4f - %s}{\\sqrt{%.4f + %s}} = %.4f\\\\\n"
                "y &= \\gamma\\,\\hat{x} + \\beta = %.2f \\times %s + %s = %.4f\n"
                "\\end{aligned}",
                k.mean, static_cast<long long>(k.groupSize), k.var, k.x, factor(k.mean).c_str(), k.var,
                latexNumber(m_p.eps).c_str(), k.xhat, m_p.gamma, factor(k.xhat).c_str(),
                factor(m_p.beta, "%.2f").c_str(), k.y);
  return buf;
}

void NormAxesLesson::drawFormula(LessonContext& ctx) {
  if (!focus().valid()) wrappedTextDisabled(ctx.tr("norm-axes.hover"));
  CubeCell cell;
  const NormCellNumbers k = focusNumbers(cell);
  const int h = cell.s / m_model.shown()[3], w = cell.s % m_model.shown()[3];
  char line[256];
  std::snprintf(line, sizeof line, ctx.tr("norm-axes.cell"), cell.n, cell.c, h, w, static_cast<long long>(k.group),
                static_cast<long long>(k.groupSize));
  wrappedText(line);
  formulaText("μ = (1/m) Σ x = %.4f", k.mean);
  formulaText("σ² = (1/m) Σ (x − μ)² = %.4f", k.var);
  // The symbolic formula, then the same with today's numbers on the next line.
  wrappedText("x̂ = (x − μ) / √(σ² + ε)");
  formulaText("   = (%.4f − %s) / √(%.4f + %.0e) = %.4f", k.x, factor(k.mean).c_str(), k.var, m_p.eps, k.xhat);
  wrappedText("y = γ·x̂ + β");
  formulaText("   = %.2f × %s + %s = %.4f", m_p.gamma, factor(k.xhat).c_str(), factor(m_p.beta, "%.2f").c_str(), k.y);
}

}  // namespace nr::app
