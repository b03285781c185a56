// The numbers behind norm-axes. The numerical choices: every statistic comes from nr::core::normalize (double
// accumulation), a dropped tensor is normalized whole while the pictures show only its first cells, and its
// histograms are binned once per change, since a network's activations can be millions of values.

#include "lessons/norm_axes_model.h"

#include <algorithm>
#include <cmath>

#include "nr/rng.h"

namespace nr::app {

core::NormSpec NormAxesModel::spec(const NormAxesSettings& p) const {
  core::NormSpec s;
  switch (p.mode) {
    case NormAxesSettings::kBatch: s = core::NormSpec::preset(core::NormKind::Batch); break;
    case NormAxesSettings::kLayer: s = core::NormSpec::preset(core::NormKind::Layer); break;
    case NormAxesSettings::kInstance: s = core::NormSpec::preset(core::NormKind::Instance); break;
    case NormAxesSettings::kGroup: s = core::NormSpec::preset(core::NormKind::Group, p.groups); break;
    default:
      s.axes = {p.axisN, p.axisC, p.axisH, p.axisW};
      s.groups = 1;
      break;
  }
  s.eps = p.eps;
  s.gamma.assign(static_cast<std::size_t>(channels(p)), p.gamma);
  s.beta.assign(static_cast<std::size_t>(channels(p)), p.beta);
  return s;
}

void NormAxesModel::regenerate(const NormAxesSettings& p) {
  // Per-sample and per-channel offsets and scales, so the presets give visibly different statistics.
  core::Rng rng(static_cast<uint64_t>(p.seed) * 7919u + 17u);
  std::vector<double> sampleOffset(p.n), channelOffset(p.c), channelScale(p.c);
  for (double& v : sampleOffset) v = rng.normal(0.0, 1.2);
  for (double& v : channelOffset) v = rng.normal(0.0, 1.5);
  for (double& v : channelScale) v = rng.uniform(0.4, 1.8);
  m_x = core::Tensor({p.n, p.c, p.h, p.w});
  for (int n = 0; n < p.n; ++n)
    for (int c = 0; c < p.c; ++c)
      for (int h = 0; h < p.h; ++h)
        for (int w = 0; w < p.w; ++w) {
          const double pattern = 0.7 * std::sin(0.9 * h + c) * std::cos(0.7 * w - n);
          m_x.at(n, c, h, w) =
              static_cast<float>(sampleOffset[n] + channelOffset[c] + channelScale[c] * (pattern + rng.normal(0, 0.6)));
        }
  setAbsMax();
  m_dataSeed = p.seed;
  m_dataShape[0] = p.n, m_dataShape[1] = p.c, m_dataShape[2] = p.h, m_dataShape[3] = p.w;
}

void NormAxesModel::setAbsMax() {
  m_xAbsMax = 1e-6;
  for (float v : m_x.values()) m_xAbsMax = std::max(m_xAbsMax, double(std::fabs(v)));
}

// Counted as the plot widget's histogramCounts() does (edges lo + span·b/bins, the first guess corrected against
// them): the model links nr_core only, and the bars must match the generated data's histograms bin for bin.
static NormAxesModel::Bins binDensity(const std::vector<float>& v) {
  constexpr int kBins = 40;
  float lo = v.empty() ? 0.0f : v[0], hi = lo;
  for (float x : v) lo = std::min(lo, x), hi = std::max(hi, x);
  if (!(hi > lo)) hi = lo + 1.0f;
  std::vector<int> counts(kBins, 0);
  const double span = double(hi) - lo;
  auto edge = [&](int b) { return lo + span * b / kBins; };
  for (float f : v) {
    const double x = f;
    if (!(x >= lo && x <= hi)) continue;
    int b = std::min(int((x - lo) / span * kBins), kBins - 1);
    if (b > 0 && x < edge(b)) --b;
    if (b + 1 < kBins && x >= edge(b + 1)) ++b;
    ++counts[std::size_t(b)];
  }
  NormAxesModel::Bins out;
  out.width = span / kBins;
  out.centers.resize(kBins);
  out.density.resize(kBins);
  for (int b = 0; b < kBins; ++b) {
    out.centers[std::size_t(b)] = lo + (b + 0.5) * out.width;
    out.density[std::size_t(b)] = counts[std::size_t(b)] / (double(v.size()) * out.width);
  }
  return out;
}

void NormAxesModel::binOwnData() {
  m_binIn = binDensity(m_x.values());
  m_binOut = binDensity(m_result.output.values());
}

void NormAxesModel::update(NormAxesSettings& p) {
  // Keep the settings valid: G must divide C, and a free choice needs at least one axis.
  if (channels(p) % p.groups != 0) {
    int64_t best = 1;
    for (int64_t v : core::divisors(channels(p)))
      if (v <= p.groups) best = v;
    p.groups = static_cast<int>(best);
  }
  if (!(p.axisN || p.axisC || p.axisH || p.axisW)) p.axisH = p.axisW = true;
  if (m_fileName.empty() && (m_dataSeed != p.seed || m_dataShape[0] != p.n || m_dataShape[1] != p.c ||
                             m_dataShape[2] != p.h || m_dataShape[3] != p.w))
    regenerate(p);
  if (m_fileName.empty()) {
    m_show[0] = p.n, m_show[1] = p.c, m_show[2] = p.h, m_show[3] = p.w;
  } else {
    // As many as the pictures can show cell by cell (the sliders' ranges); the statistics use the whole tensor.
    const int64_t extent[4] = {m_x.n(), m_x.c(), m_x.h(), m_x.w()};
    for (int i = 0; i < 4; ++i) m_show[i] = static_cast<int>(std::min<int64_t>(extent[i], kMaxShown[i]));
  }
  m_eps = p.eps;
  core::normalizeInto(m_x, spec(p), m_result);
  if (m_fileName.empty()) {
    m_outputCopy = m_result.output.values();
  } else {
    m_outputCopy.clear();
    binOwnData();
  }
}

void NormAxesModel::useOwnData(core::Tensor x, const std::string& name, NormAxesSettings& s) {
  m_x = std::move(x);
  m_fileName = name;
  setAbsMax();
  update(s);
}

void NormAxesModel::useGeneratedData(NormAxesSettings& s) {
  m_fileName.clear();
  m_dataSeed = -1;  // regenerate
  update(s);
}

bool NormAxesModel::partlyShown() const {
  return m_show[0] < m_x.n() || m_show[1] < m_x.c() || m_show[2] < m_x.h() || m_show[3] < m_x.w();
}

NormCellNumbers NormAxesModel::cell(int n, int c, int h, int w) const {
  NormCellNumbers k;
  k.group = m_result.groups.groupOf(n, c, h, w);
  k.groupSize = m_result.groups.groupSize();
  k.x = m_x.at(n, c, h, w);
  k.y = m_result.output.at(n, c, h, w);
  k.mean = m_result.mean[std::size_t(k.group)];
  k.var = m_result.var[std::size_t(k.group)];
  k.xhat = (k.x - k.mean) / std::sqrt(k.var + m_eps);
  return k;
}

}  // namespace nr::app
