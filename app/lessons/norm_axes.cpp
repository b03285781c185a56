// norm-axes — which elements share a mean and a variance. The teaching choice: one colour per statistics group,
// in the same cube as the Group Normalization paper's figure, so switching BN → LN → IN → GN visibly regroups
// the same cells while the formula stays the same. All numbers come from nr::core::normalize.

#include "lessons/norm_axes.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <filesystem>

#include "nr/activations.h"
#include "nr/rng.h"
#include "kit/latex.h"
#include "lessons/controls.h"
#include "kit/text.h"

namespace nr::app {

// [SECTION] State

NormAxesLesson::NormAxesLesson() {
  m_histIn = Plot();
  m_histOut = Plot();
  recompute();
}

core::NormSpec NormAxesLesson::spec() const {
  core::NormSpec s;
  switch (m_p.mode) {
    case kBatch: s = core::NormSpec::preset(core::NormKind::Batch); break;
    case kLayer: s = core::NormSpec::preset(core::NormKind::Layer); break;
    case kInstance: s = core::NormSpec::preset(core::NormKind::Instance); break;
    case kGroup: s = core::NormSpec::preset(core::NormKind::Group, m_p.groups); break;
    default:
      s.axes = {m_p.axisN, m_p.axisC, m_p.axisH, m_p.axisW};
      s.groups = 1;
      break;
  }
  s.eps = m_p.eps;
  s.gamma.assign(static_cast<std::size_t>(channels()), m_p.gamma);
  s.beta.assign(static_cast<std::size_t>(channels()), m_p.beta);
  return s;
}

void NormAxesLesson::regenerate() {
  // Per-sample and per-channel offsets and scales, so the presets give visibly different statistics.
  core::Rng rng(static_cast<uint64_t>(m_p.seed) * 7919u + 17u);
  std::vector<double> sampleOffset(m_p.n), channelOffset(m_p.c), channelScale(m_p.c);
  for (double& v : sampleOffset) v = rng.normal(0.0, 1.2);
  for (double& v : channelOffset) v = rng.normal(0.0, 1.5);
  for (double& v : channelScale) v = rng.uniform(0.4, 1.8);
  m_x = core::Tensor({m_p.n, m_p.c, m_p.h, m_p.w});
  for (int n = 0; n < m_p.n; ++n)
    for (int c = 0; c < m_p.c; ++c)
      for (int h = 0; h < m_p.h; ++h)
        for (int w = 0; w < m_p.w; ++w) {
          const double pattern = 0.7 * std::sin(0.9 * h + c) * std::cos(0.7 * w - n);
          m_x.at(n, c, h, w) =
              static_cast<float>(sampleOffset[n] + channelOffset[c] + channelScale[c] * (pattern + rng.normal(0, 0.6)));
        }
  m_xAbsMax = 1e-6;
  for (float v : m_x.values()) m_xAbsMax = std::max(m_xAbsMax, double(std::fabs(v)));
  m_dataSeed = m_p.seed;
  m_dataShape[0] = m_p.n, m_dataShape[1] = m_p.c, m_dataShape[2] = m_p.h, m_dataShape[3] = m_p.w;
}

void NormAxesLesson::binOwnData() {
  // Fixed bins over each tensor's range, counted once: a network's activations can be millions of values.
  auto bin = [](const std::vector<float>& v, std::vector<double>& centers, std::vector<double>& density, double& width) {
    constexpr int kBins = 40;
    float lo = v.empty() ? 0.0f : v[0], hi = lo;
    for (float x : v) lo = std::min(lo, x), hi = std::max(hi, x);
    if (!(hi > lo)) hi = lo + 1.0f;
    const std::vector<int> counts = histogramCounts(v.data(), static_cast<int>(v.size()), kBins, lo, hi);
    width = (double(hi) - lo) / kBins;
    centers.resize(kBins);
    density.resize(kBins);
    for (int b = 0; b < kBins; ++b) {
      centers[std::size_t(b)] = lo + (b + 0.5) * width;
      density[std::size_t(b)] = counts[std::size_t(b)] / (double(v.size()) * width);
    }
  };
  bin(m_x.values(), m_binCenters, m_binIn, m_binWidthIn);
  bin(m_result.output.values(), m_binCentersOut, m_binOut, m_binWidthOut);
}

void NormAxesLesson::recompute() {
  // Keep the parameters valid: G must divide C, and a free choice needs at least one axis.
  if (channels() % m_p.groups != 0) {
    const std::vector<int64_t> d = core::divisors(channels());
    int64_t best = 1;
    for (int64_t v : d)
      if (v <= m_p.groups) best = v;
    m_p.groups = static_cast<int>(best);
  }
  if (!(m_p.axisN || m_p.axisC || m_p.axisH || m_p.axisW)) m_p.axisH = m_p.axisW = true;
  if (m_fileName.empty() && (m_dataSeed != m_p.seed || m_dataShape[0] != m_p.n || m_dataShape[1] != m_p.c ||
                             m_dataShape[2] != m_p.h || m_dataShape[3] != m_p.w))
    regenerate();
  if (m_fileName.empty()) {
    m_show[0] = m_p.n, m_show[1] = m_p.c, m_show[2] = m_p.h, m_show[3] = m_p.w;
  } else {
    // As many as the pictures can show cell by cell (the sliders' ranges); the statistics use the whole tensor.
    m_show[0] = static_cast<int>(std::min<int64_t>(m_x.n(), 8));
    m_show[1] = static_cast<int>(std::min<int64_t>(m_x.c(), 16));
    m_show[2] = static_cast<int>(std::min<int64_t>(m_x.h(), 8));
    m_show[3] = static_cast<int>(std::min<int64_t>(m_x.w(), 8));
  }
  core::normalizeInto(m_x, spec(), m_result);
  if (m_fileName.empty()) {
    m_outputCopy = m_result.output.values();
  } else {
    m_outputCopy.clear();
    binOwnData();
  }
  if (m_hover.valid() && (m_hover.n >= m_show[0] || m_hover.c >= m_show[1] || m_hover.s >= m_show[2] * m_show[3]))
    m_hover = {};
  if (m_p.focusN >= m_show[0] || m_p.focusC >= m_show[1] || m_p.focusH >= m_show[2] || m_p.focusW >= m_show[3])
    m_p.focusN = -1;
}

CubeCell NormAxesLesson::focus() const {
  if (m_hover.valid()) return m_hover;
  if (m_p.focusN >= 0) return {m_p.focusN, m_p.focusC, m_p.focusH * m_show[3] + m_p.focusW};
  return {};
}

void NormAxesLesson::reset() {
  m_p = Params();
  m_fileName.clear();
  m_dataSeed = -1;
  m_view.reset();
  m_hover = {};
  recompute();
}

nlohmann::json NormAxesLesson::params() const {
  static const char* modes[] = {"batch", "layer", "instance", "group", "custom"};
  static const char* colors[] = {"group", "input", "output"};
  nlohmann::json j = {{"n", m_p.n},           {"c", m_p.c},          {"h", m_p.h},          {"w", m_p.w},
          {"mode", modes[m_p.mode]}, {"groups", m_p.groups}, {"axis_n", m_p.axisN}, {"axis_c", m_p.axisC},
          {"axis_h", m_p.axisH},  {"axis_w", m_p.axisW}, {"gamma", m_p.gamma},  {"beta", m_p.beta},
          {"eps", m_p.eps},       {"seed", m_p.seed},    {"color_by", colors[m_p.colorBy]},
          {"view_yaw", m_view.yaw}, {"view_pitch", m_view.pitch}, {"focus_n", m_p.focusN}, {"focus_c", m_p.focusC},
          {"focus_h", m_p.focusH}, {"focus_w", m_p.focusW}};
  // Own activations are not part of a scene (a file is not a parameter): their name is, so the scene says so.
  if (!m_fileName.empty()) j["data_file"] = m_fileName;
  return j;
}

void NormAxesLesson::setParams(const nlohmann::json& j, std::vector<std::string>& warnings,
                               std::vector<std::string>& errors) {
  Params p = m_p;
  CubeView v = m_view;
  ParamReader r(j, warnings, errors);
  r.read("n", p.n, 1, 8);
  r.read("c", p.c, 1, 16);
  r.read("h", p.h, 1, 8);
  r.read("w", p.w, 1, 8);
  r.readChoice("mode", p.mode, {"batch", "layer", "instance", "group", "custom"});
  r.read("groups", p.groups, 1, 16);
  r.read("axis_n", p.axisN);
  r.read("axis_c", p.axisC);
  r.read("axis_h", p.axisH);
  r.read("axis_w", p.axisW);
  r.read("gamma", p.gamma, -3.0f, 3.0f);
  r.read("beta", p.beta, -3.0f, 3.0f);
  r.read("eps", p.eps, 1e-8, 1.0);
  r.read("seed", p.seed, 0, 1000000);
  r.readChoice("color_by", p.colorBy, {"group", "input", "output"});
  r.read("view_yaw", v.yaw, -100.0f, 100.0f);
  r.read("view_pitch", v.pitch, -1.45f, 1.45f);
  r.read("focus_n", p.focusN, -1, 7);
  r.read("focus_c", p.focusC, 0, 15);
  r.read("focus_h", p.focusH, 0, 7);
  r.read("focus_w", p.focusW, 0, 7);
  std::string file;
  r.read("data_file", file);
  if (!r.finish()) return;
  // The file the scene was made with stays only if it is the one shown; otherwise generated data, and a word why.
  const bool keepOwn = !file.empty() && file == m_fileName;
  if (!file.empty() && !keepOwn)
    warnings.push_back("this scene showed activations from " + file +
                       "; drop that file on Normalization axes to see them again (generated data until then)");
  const int64_t channels = keepOwn ? m_x.c() : p.c;
  if (channels % p.groups != 0) {
    errors.push_back("'groups' (" + std::to_string(p.groups) + ") must divide the channel count (" +
                     std::to_string(channels) + ")");
    return;
  }
  if (p.mode == kCustom && !(p.axisN || p.axisC || p.axisH || p.axisW)) {
    errors.push_back("a custom choice needs at least one of axis_n, axis_c, axis_h, axis_w");
    return;
  }
  m_p = p;
  m_view = v;
  if (!keepOwn && !m_fileName.empty()) {
    m_fileName.clear();
    m_dataSeed = -1;  // the generated tensor again
  }
  recompute();
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
  m_x = std::move(x);
  m_fileName = name;
  m_xAbsMax = 1e-6;
  for (float v : m_x.values()) m_xAbsMax = std::max(m_xAbsMax, double(std::fabs(v)));
  m_p.focusN = -1;
  m_hover = {};
  m_view.reset();
  recompute();
}

void NormAxesLesson::useGeneratedData() {
  m_fileName.clear();
  m_dataSeed = -1;  // regenerate
  m_p.focusN = -1;
  m_hover = {};
  recompute();
}

void NormAxesLesson::interact(int frame) {
  // The main parameter: which axes are averaged over. Cycle the presets (and G) every frame.
  m_p.mode = frame % 4;
  m_p.groups = (frame / 4) % 2 ? 3 : 2;
  recompute();
}

void NormAxesLesson::applyExtreme(int step) {
  Params p;
  switch (step) {
    case 0: p.n = p.c = p.h = p.w = 1; break;
    case 1: p.n = 8, p.c = 16, p.h = 8, p.w = 8; break;
    case 2: p.mode = kGroup, p.c = 16, p.groups = 16; break;
    case 3: p.mode = kGroup, p.c = 7, p.groups = 7; break;
    case 4: p.mode = kCustom, p.axisN = p.axisC = p.axisH = p.axisW = true; break;
    case 5: p.mode = kCustom, p.axisN = true, p.axisC = p.axisH = p.axisW = false; break;
    case 6: p.eps = 1e-8, p.gamma = -3, p.beta = 3; break;
    case 7: p.eps = 1.0, p.gamma = 3, p.beta = -3; break;
    case 8: p.mode = kLayer, p.colorBy = kByOutput, p.n = 8, p.c = 16, p.h = 1, p.w = 1; break;
    case 9: p.mode = kInstance, p.colorBy = kByInput, p.h = 1, p.w = 1; break;  // one element per group: y = β
    case 10: p.seed = 1000000, p.mode = kCustom, p.axisC = true, p.axisN = p.axisH = p.axisW = false; break;
    default: p.seed = 0, p.mode = kBatch, p.n = 1; break;
  }
  m_p = p;
  recompute();
}

// [SECTION] Colours

ImU32 NormAxesLesson::groupColor(int64_t g) const {
  // Golden-ratio hue steps: neighbouring group numbers get clearly different hues.
  const float hue = std::fmod(0.08f + 0.618034f * static_cast<float>(g), 1.0f);
  float r, gr, b;
  ImGui::ColorConvertHSVtoRGB(hue, 0.55f, 0.93f, r, gr, b);
  return ImGui::ColorConvertFloat4ToU32(ImVec4(r, gr, b, 1.0f));
}

static ImU32 diverging(double t) {
  // Blue (negative) – white – red (positive); t in [−1, 1].
  t = std::clamp(t, -1.0, 1.0);
  const ImVec4 neg(0.17f, 0.40f, 0.75f, 1), pos(0.80f, 0.20f, 0.17f, 1), mid(0.97f, 0.97f, 0.97f, 1);
  const ImVec4& end = t < 0 ? neg : pos;
  const float a = static_cast<float>(std::fabs(t));
  return ImGui::ColorConvertFloat4ToU32(
      ImVec4(mid.x + (end.x - mid.x) * a, mid.y + (end.y - mid.y) * a, mid.z + (end.z - mid.z) * a, 1));
}

ImU32 NormAxesLesson::cellColor(int n, int c, int s) const {
  const int h = s / m_show[3], w = s % m_show[3];
  ImU32 col;
  const int64_t g = m_result.groups.groupOf(n, c, h, w);
  if (m_p.colorBy == kByGroup) {
    col = groupColor(g);
  } else if (m_p.colorBy == kByInput) {
    col = diverging(m_x.at(n, c, h, w) / m_xAbsMax);
  } else {
    const double range = std::max(1e-6, std::fabs(m_p.beta) + 2.5 * std::fabs(m_p.gamma));
    col = diverging(m_result.output.at(n, c, h, w) / range);
  }
  // Hovering a cell lifts its whole group and fades the rest.
  if (m_hoverGroup >= 0 && g != m_hoverGroup) {
    ImVec4 v = ImGui::ColorConvertU32ToFloat4(col);
    const ImVec4 bg = ImGui::GetStyleColorVec4(ImGuiCol_ChildBg);
    v = ImVec4(v.x * 0.35f + bg.x * 0.65f, v.y * 0.35f + bg.y * 0.65f, v.z * 0.35f + bg.z * 0.65f, 1);
    col = ImGui::ColorConvertFloat4ToU32(v);
  }
  return col;
}

// [SECTION] Drawing


void NormAxesLesson::drawControls(LessonContext& ctx) {
  bool changed = false;
  wrappedTextDisabled(ctx.tr("norm-axes.preset"));
  static const char* names[] = {"BN", "LN", "IN", "GN"};
  static const char* tips[] = {"norm-axes.bn.tip", "norm-axes.ln.tip", "norm-axes.in.tip", "norm-axes.gn.tip"};
  for (int m = 0; m < 4; ++m) {
    if (m) sameLineIfRoom(names[m]);
    changed |= radioButton(names[m], &m_p.mode, m);
    tip(ctx, tips[m]);
  }
  sameLineIfRoom(ctx.tr("norm-axes.custom"));
  changed |= radioButton(ctx.tr("norm-axes.custom"), &m_p.mode, kCustom);
  tip(ctx, "norm-axes.custom.tip");

  if (m_p.mode == kGroup) {
    // Only the divisors of C: a typed value that is not one becomes the nearest that is.
    std::vector<int> allowed;
    for (int64_t g : core::divisors(channels())) allowed.push_back(static_cast<int>(g));
    changed |= choiceSlider(ctx, ctx.tr("norm-axes.groups"), m_p.groups, allowed);
    tip(ctx, "norm-axes.groups.tip");
  }
  if (m_p.mode == kCustom) {
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
  {
    const core::NormSpec s = spec();
    formulaText(ctx.tr("norm-axes.reduced"), s.axes.toString().c_str());
    formulaText(ctx.tr("norm-axes.count"), static_cast<long long>(m_result.groups.groupCount()),
                static_cast<long long>(m_result.groups.groupSize()));
  }

  sectionHeader(ctx.tr("norm-axes.shape"));
  if (!m_fileName.empty()) {
    // Own activations: their file and true shape, what the pictures show of them, and the way back.
    char buf[400];
    std::snprintf(buf, sizeof buf, ctx.tr("norm-axes.file"), m_fileName.c_str(), core::shapeToString(m_x.shape()).c_str(),
                  static_cast<long long>(m_x.size()));
    wrappedText(buf);
    if (m_show[0] < m_x.n() || m_show[1] < m_x.c() || m_show[2] < m_x.h() || m_show[3] < m_x.w()) {
      std::snprintf(buf, sizeof buf, ctx.tr("norm-axes.file.shown"), m_show[0], m_show[1], m_show[2], m_show[3]);
      wrappedTextDisabled(buf);
    }
    if (button(ctx.tr("norm-axes.generated"))) useGeneratedData();
    tip(ctx, "norm-axes.generated.tip");
  } else {
    wrappedTextDisabled(ctx.tr("norm-axes.file.hint"));
  }
  if (m_fileName.empty()) {
  changed |= sliderInt(ctx, ctx.tr("norm-axes.n"), m_p.n, 1, 8);
  tip(ctx, "norm-axes.shape.tip");
  changed |= sliderInt(ctx, ctx.tr("norm-axes.c"), m_p.c, 1, 16);
  tip(ctx, "norm-axes.shape.tip");
  changed |= sliderInt(ctx, ctx.tr("norm-axes.h"), m_p.h, 1, 8);
  tip(ctx, "norm-axes.shape.tip");
  changed |= sliderInt(ctx, ctx.tr("norm-axes.w"), m_p.w, 1, 8);
  tip(ctx, "norm-axes.shape.tip");
  changed |= ImGui::InputInt(ctx.tr("norm-axes.seed"), &m_p.seed);
  m_p.seed = std::clamp(m_p.seed, 0, 1000000);
  tip(ctx, "norm-axes.seed.tip");
  }

  sectionHeader(ctx.tr("norm-axes.affine"));
  changed |= sliderFloat(ctx, ctx.tr("norm-axes.gamma"), m_p.gamma, -3.0f, 3.0f, "%.2f");
  tip(ctx, "norm-axes.gamma.tip");
  changed |= sliderFloat(ctx, ctx.tr("norm-axes.beta"), m_p.beta, -3.0f, 3.0f, "%.2f");
  tip(ctx, "norm-axes.beta.tip");
  changed |= logSlider(ctx, ctx.tr("norm-axes.eps"), m_p.eps, 1e-8, 1.0);
  tip(ctx, "norm-axes.eps.tip");

  static const char* colorKeys[] = {"norm-axes.by.group", "norm-axes.by.x", "norm-axes.by.y"};
  if (beginCombo(ctx.tr("norm-axes.colorby"), ctx.tr(colorKeys[m_p.colorBy]))) {
    for (int i = 0; i < 3; ++i)
      if (ImGui::Selectable(ctx.tr(colorKeys[i]), m_p.colorBy == i)) m_p.colorBy = i;
    ImGui::EndCombo();
  }
  tip(ctx, "norm-axes.colorby.tip");

  if (changed) recompute();
  drawStatsTable(ctx);
}

void NormAxesLesson::drawStatsTable(LessonContext& ctx) {
  sectionHeader(ctx.tr("norm-axes.stats"));
  const ImGuiTableFlags flags =
      ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
  const float height = std::max(ImGui::GetContentRegionAvail().y, ImGui::GetTextLineHeightWithSpacing() * 4);
  // Every column as wide as its widest entry; on a narrow panel the element count (the same for every group, and
  // said above the table) gives its room to the statistics.
  const ImGuiStyle& st = ImGui::GetStyle();
  auto width = [&](const char* a, const char* b) {
    return std::max(ImGui::CalcTextSize(a).x, ImGui::CalcTextSize(b).x) + 2 * st.CellPadding.x;
  };
  const float need = width(ctx.tr("norm-axes.col.group"), "00") + ImGui::GetTextLineHeight() + st.ItemSpacing.x +
                     width("μ", "-00.0000") + width("σ²", "00.0000") + width(ctx.tr("norm-axes.col.n"), "00000");
  const bool countColumn = need + st.ScrollbarSize <= ImGui::GetContentRegionAvail().x;
  if (!ImGui::BeginTable("##stats", countColumn ? 4 : 3, flags, ImVec2(0, height))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(ctx.tr("norm-axes.col.group"));
  ImGui::TableSetupColumn("μ");
  ImGui::TableSetupColumn("σ²");
  if (countColumn) ImGui::TableSetupColumn(ctx.tr("norm-axes.col.n"));
  ImGui::TableHeadersRow();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(m_result.groups.groupCount()));
  while (clipper.Step())
    for (int g = clipper.DisplayStart; g < clipper.DisplayEnd; ++g) {
      ImGui::TableNextRow();
      if (g == m_hoverGroup) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, ImGui::GetColorU32(ImGuiCol_HeaderHovered));
      ImGui::TableNextColumn();
      const float sz = ImGui::GetTextLineHeight();
      const ImVec2 p = ImGui::GetCursorScreenPos();
      ImGui::GetWindowDrawList()->AddRectFilled(p, ImVec2(p.x + sz, p.y + sz), groupColor(g));
      ImGui::Dummy(ImVec2(sz, sz));
      ImGui::SameLine();
      ImGui::Text("%d", g);
      ImGui::TableNextColumn();
      ImGui::Text("%.4f", m_result.mean[g]);
      ImGui::TableNextColumn();
      ImGui::Text("%.4f", m_result.var[g]);
      if (!countColumn) continue;
      ImGui::TableNextColumn();
      ImGui::Text("%lld", static_cast<long long>(m_result.groups.groupSize()));
    }
  ImGui::EndTable();
}

void NormAxesLesson::drawCanvas(LessonContext& ctx) {
  // The cube and the tiles are the lesson (which cells share μ and σ²); the histograms before and after follow.
  m_cubeHover = m_tilesHover = CubeCell{};
  m_layout.begin(ctx.scale, ctx.probe);
  m_layout.add({"##cube", ctx.tr("norm-axes.tab.cube"), 10.0f, 10.0f, 1.1f, 1.5f, 0}, [&](ImVec2 s) { drawCube(ctx, s); });
  m_layout.add({"##tiles", ctx.tr("norm-axes.tab.tiles"), 10.0f, 9.0f, 1.2f, 1.2f, 1}, [&](ImVec2 s) { drawTiles(ctx, s); });
  m_layout.add(plotPanel("##histin", ctx.tr("norm-axes.tab.before"), 2), [&](ImVec2 s) { drawHistogram(ctx, s, false); });
  m_layout.add(plotPanel("##histout", ctx.tr("norm-axes.tab.after"), 3), [&](ImVec2 s) { drawHistogram(ctx, s, true); });
  m_layout.end();

  m_hover = m_cubeHover.valid() ? m_cubeHover : m_tilesHover;
  // A click (not a drag that rotates the cube) pins the cell; clicking it again unpins it.
  if (m_hover.valid() && ImGui::IsMouseReleased(ImGuiMouseButton_Left) &&
      ImGui::GetIO().MouseDragMaxDistanceSqr[ImGuiMouseButton_Left] < 16.0f) {
    const int h = m_hover.s / m_show[3], w = m_hover.s % m_show[3];
    const bool same = m_p.focusN == m_hover.n && m_p.focusC == m_hover.c && m_p.focusH == h && m_p.focusW == w;
    m_p.focusN = same ? -1 : m_hover.n;
    m_p.focusC = m_hover.c;
    m_p.focusH = h;
    m_p.focusW = w;
  }
  const CubeCell f = focus();
  m_hoverGroup = f.valid() ? m_result.groups.groupOf(f.n, f.c, f.s / m_show[3], f.s % m_show[3]) : -1;

  if (m_hover.valid()) {
    const int h = m_hover.s / m_show[3], w = m_hover.s % m_show[3];
    const double x = m_x.at(m_hover.n, m_hover.c, h, w), y = m_result.output.at(m_hover.n, m_hover.c, h, w);
    ImGui::BeginTooltip();
    ImGui::Text("n=%d c=%d h=%d w=%d", m_hover.n, m_hover.c, h, w);
    ImGui::Text("x = %.4f   μ = %.4f   σ² = %.4f", x, m_result.mean[m_hoverGroup], m_result.var[m_hoverGroup]);
    ImGui::Text("y = %.4f", y);
    ImGui::EndTooltip();
  }
}

void NormAxesLesson::drawCube(LessonContext& ctx, ImVec2 size) {
  // The caption, and the reset button beside it when both fit (else below it).
  const char* resetLabel = ctx.tr("norm-axes.resetview");
  const ImVec2 top = ImGui::GetCursorScreenPos();
  const float resetW = ImGui::CalcTextSize(resetLabel).x + ImGui::GetStyle().FramePadding.x * 2;
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  // Own activations larger than the picture: the caption says how much of them the cube shows.
  const char* caption = ctx.tr("norm-axes.cube");
  char part[200];
  if (!m_fileName.empty() && (m_show[0] < m_x.n() || m_show[1] < m_x.c() || m_show[2] * m_show[3] < m_x.h() * m_x.w())) {
    std::snprintf(part, sizeof part, ctx.tr("norm-axes.cube.part"), m_show[0], m_show[1], m_show[2] * m_show[3],
                  static_cast<long long>(m_x.n()), static_cast<long long>(m_x.c()),
                  static_cast<long long>(m_x.h() * m_x.w()));
    caption = part;
  }
  if (ImGui::CalcTextSize(caption).x + gap + resetW <= size.x) {
    clippedText(caption, size.x - resetW - gap);
    ImGui::SameLine(size.x - resetW);
  } else {
    wrappedText(caption, size.x);
  }
  if (button(resetLabel)) m_view.reset();
  const float used = ImGui::GetCursorScreenPos().y - top.y;
  const int S = m_show[2] * m_show[3];
  auto color = [this](int n, int c, int s) { return cellColor(n, c, s); };
  CubeLabels labels{ctx.tr("norm-axes.axis.n"), ctx.tr("norm-axes.axis.c"), ctx.tr("norm-axes.axis.s")};
  m_cubeHover = drawTensorCube("##cubeview", ImVec2(size.x, std::max(1.0f, size.y - used)), m_show[0], m_show[1], S, color,
                               m_view, labels, ctx.scale);
}

void NormAxesLesson::drawTiles(LessonContext& ctx, ImVec2 size) {
  const ImVec2 top = ImGui::GetCursorScreenPos();
  wrappedText(ctx.tr("norm-axes.tiles"), size.x);
  const float used = ImGui::GetCursorScreenPos().y - top.y;
  auto color = [this](int n, int c, int s) { return cellColor(n, c, s); };
  m_tilesHover = drawTensorTiles("##tilesview", ImVec2(size.x, std::max(1.0f, size.y - used)), m_show[0], m_show[1], m_show[2],
                                 m_show[3], color, ctx.scale);
}

void NormAxesLesson::drawHistogram(LessonContext& ctx, ImVec2 size, bool after) {
  // Histograms before and after, as densities so the two compare.
  const int count = static_cast<int>(m_x.size());
  const int bins = std::clamp(count / 4, 5, 40);
  PlotConfig cfg = plotConfig(ctx);
  cfg.legend = false;
  cfg.x.label = ctx.tr("norm-axes.value");
  cfg.y.label = ctx.tr("norm-axes.density");
  cfg.y.min = 0.0;
  cfg.title = ctx.tr(after ? "norm-axes.after" : "norm-axes.before");
  HistogramBins hb;
  hb.count = bins;
  hb.density = true;
  SeriesStyle style;
  style.color = plotColor(after ? 1 : 0);
  Plot& plot = after ? m_histOut : m_histIn;
  if (!plot.begin(after ? "##histoutplot" : "##histinplot", size, cfg)) return;
  if (!m_fileName.empty()) {
    // Own activations: the bins counted once over the whole tensor (binOwnData), drawn as touching bars.
    const std::vector<double>& centers = after ? m_binCentersOut : m_binCenters;
    const std::vector<double>& density = after ? m_binOut : m_binIn;
    plot.bars(after ? "y" : "x", centers.data(), density.data(), static_cast<int>(centers.size()),
              after ? m_binWidthOut : m_binWidthIn, style);
  } else if (after)
    plot.histogram("y", m_outputCopy.data(), count, hb, style);
  else
    plot.histogram("x", m_x.data(), count, hb, style);
  plot.end();
}

std::string NormAxesLesson::formulaLatex() const {
  CubeCell cell = focus();
  if (!cell.valid()) cell = CubeCell{0, 0, 0};
  const int h = cell.s / m_show[3], w = cell.s % m_show[3];
  const int64_t g = m_result.groups.groupOf(cell.n, cell.c, h, w);
  const double x = m_x.at(cell.n, cell.c, h, w), y = m_result.output.at(cell.n, cell.c, h, w);
  const double mu = m_result.mean[g], var = m_result.var[g];
  const double xhat = (x - mu) / std::sqrt(var + m_p.eps);
  // A negative number after an operator in parentheses: x − (−0.5), 1.00 × (−0.7540).
  auto factor = [](double v, const char* fmt = "%.4f") {
    char b[64];
    std::snprintf(b, sizeof b, fmt, v);
    return v < 0 ? "(" + std::string(b) + ")" : std::string(b);
  };
  char buf[1200];
  std::snprintf(buf, sizeof buf,
                "\\begin{aligned}\n"
                "\\mu_g &= \\frac{1}{m}\\sum_{i \\in g} x_i = %.4f \\qquad (m = %lld)\\\\\n"
                "\\sigma_g^2 &= \\frac{1}{m}\\sum_{i \\in g} (x_i - \\mu_g)^2 = %.4f\\\\\n"
                "\\hat{x} &= \\frac{x - \\mu_g}{\\sqrt{\\sigma_g^2 + \\epsilon}} = "
                "\\frac{%.4f - %s}{\\sqrt{%.4f + %s}} = %.4f\\\\\n"
                "y &= \\gamma\\,\\hat{x} + \\beta = %.2f \\times %s + %s = %.4f\n"
                "\\end{aligned}",
                mu, static_cast<long long>(m_result.groups.groupSize()), var, x, factor(mu).c_str(), var,
                latexNumber(m_p.eps).c_str(), xhat, m_p.gamma, factor(xhat).c_str(), factor(m_p.beta, "%.2f").c_str(), y);
  return buf;
}

void NormAxesLesson::drawFormula(LessonContext& ctx) {
  CubeCell cell = focus();
  if (!cell.valid()) {
    wrappedTextDisabled(ctx.tr("norm-axes.hover"));
    cell = CubeCell{0, 0, 0};
  }
  const int h = cell.s / m_show[3], w = cell.s % m_show[3];
  const int64_t g = m_result.groups.groupOf(cell.n, cell.c, h, w);
  const double x = m_x.at(cell.n, cell.c, h, w), y = m_result.output.at(cell.n, cell.c, h, w);
  const double mu = m_result.mean[g], var = m_result.var[g];
  const double xhat = (x - mu) / std::sqrt(var + m_p.eps);
  char line[256];
  std::snprintf(line, sizeof line, ctx.tr("norm-axes.cell"), cell.n, cell.c, h, w, static_cast<long long>(g),
                static_cast<long long>(m_result.groups.groupSize()));
  wrappedText(line);
  formulaText("μ = (1/m) Σ x = %.4f", mu);
  formulaText("σ² = (1/m) Σ (x − μ)² = %.4f", var);
  // The symbolic formula, then the same with today's numbers on the next line.
  wrappedText("x̂ = (x − μ) / √(σ² + ε)");
  auto factor = [](double v, const char* fmt = "%.4f") {  // as in formulaLatex(): (−0.7540) after an operator
    char b[64];
    std::snprintf(b, sizeof b, fmt, v);
    return v < 0 ? "(" + std::string(b) + ")" : std::string(b);
  };
  formulaText("   = (%.4f − %s) / √(%.4f + %.0e) = %.4f", x, factor(mu).c_str(), var, m_p.eps, xhat);
  wrappedText("y = γ·x̂ + β");
  formulaText("   = %.2f × %s + %s = %.4f", m_p.gamma, factor(xhat).c_str(), factor(m_p.beta, "%.2f").c_str(), y);
}

}  // namespace nr::app
