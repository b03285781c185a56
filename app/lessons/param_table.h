#pragma once
// A lesson's parameters, declared once: JSON key, member of the lesson's Params struct, range, linear or log scale,
// format, label and tooltip keys, and the extremes a test visits. The table writes params(), reads setParams() (all
// or nothing, through ParamReader), gives the extreme steps, and draws the standard control of each parameter —
// so a range is written in one place and the slider, the scene reader and the tests cannot disagree.
//
//   static const ParamTable<Params>& table() {
//     static const auto t = ParamTable<Params>()
//         .real("lambda", &Params::lambda, 1e-4, 0.5).log().label("weight-decay.lambda").tip("weight-decay.lambda.tip")
//         .integer("seed", &Params::seed, 0, 1000000).input().label("weight-decay.seed").tip("weight-decay.seed.tip");
//     return t;
//   }
//
// No ImGui here: the controls are drawn by drawParamControl() (controls.cpp).

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

namespace nr::app {

struct LessonContext;
class ParamReader;

enum class ParamType { Real, Integer, Boolean, Choice };
/// How a parameter is shown: a slider (linear or log; LogOrZero adds 0 at the left end, shown as "0 (off)"), a
/// percent or degree slider over a fraction or radians, a number box, a checkbox, a combo, or nothing (a scene-only
/// value such as the epochs trained on load).
enum class ParamWidget { Slider, Log, LogOrZero, Percent, Angle, Input, Checkbox, Combo, Hidden };

/// One parameter, without its member: what tests, notes and the extreme steps read.
struct ParamSpec {
  const char* key = "";
  ParamType type = ParamType::Real;
  double lo = 0.0, hi = 1.0;  ///< the range in the stored unit (radians, a fraction); LogOrZero also takes 0
  ParamWidget widget = ParamWidget::Slider;
  const char* format = nullptr;  ///< printf format of a slider ("%.2f"); nullptr: the widget's default
  const char* label = nullptr;   ///< translation key of the label (nullptr: no control drawn)
  const char* tip = nullptr;     ///< translation key of the tooltip
  const char* zeroText = nullptr;            ///< LogOrZero: translation key of the leftmost position ("0 (off)")
  std::vector<const char*> choices;          ///< a Choice: the names written in scenes (stored as the index)
  std::vector<const char*> choiceLabels;     ///< a Choice: their translation keys in the combo
  std::vector<double> extremes;  ///< values the extreme steps visit (default: lo and hi — and 0 for LogOrZero —,
                                 ///< false and true, every choice)

  /// The extremes actually visited.
  std::vector<double> extremeValues() const;
  /// value as written in a scene (a choice by name, a boolean as true/false).
  nlohmann::json toJson(double value) const;
};

/// A pointer to the live value of one parameter (for drawing its control).
using ParamRef = std::variant<double*, float*, int*, bool*>;
/// Draws the standard control of `spec` over `value` with its label and tooltip; true when the value changed.
bool drawParamControl(const LessonContext& ctx, const ParamSpec& spec, ParamRef value);
/// Reads `spec` from a scene into `value` (range-checked; a choice by name).
void readParam(ParamReader& reader, const ParamSpec& spec, ParamRef value);

/// The JSON of extreme step `step` of a table: step 0 every parameter at its first extreme (the low end), step 1
/// at its last (the high end), then one parameter at a time at each of its extremes, the others at their defaults.
nlohmann::json extremeJson(const std::vector<ParamSpec>& specs, int step);
/// How many extreme steps extremeJson() has.
int extremeStepCount(const std::vector<ParamSpec>& specs);

template <class P>
class ParamTable {
 public:
  using Member = std::variant<double P::*, float P::*, int P::*, bool P::*>;

  ParamTable&& real(const char* key, double P::*m, double lo, double hi) && { return add(key, ParamType::Real, m, lo, hi); }
  ParamTable&& real(const char* key, float P::*m, double lo, double hi) && { return add(key, ParamType::Real, m, lo, hi); }
  ParamTable&& integer(const char* key, int P::*m, int lo, int hi) && { return add(key, ParamType::Integer, m, lo, hi); }
  ParamTable&& boolean(const char* key, bool P::*m) && {
    std::move(*this).add(key, ParamType::Boolean, m, 0, 1);
    return std::move(*this).widget(ParamWidget::Checkbox);
  }
  /// One of `names` (as written in scenes), stored as its index; `labels` are their translation keys.
  ParamTable&& choice(const char* key, int P::*m, std::vector<const char*> names, std::vector<const char*> labels) && {
    std::move(*this).add(key, ParamType::Choice, m, 0, double(names.size()) - 1);
    last().choices = std::move(names);
    last().choiceLabels = std::move(labels);
    return std::move(*this).widget(ParamWidget::Combo);
  }

  // Modifiers of the parameter declared last.
  /// A log slider: values shown with 2 significant digits and rounded to them when dragged; with format() it is
  /// ImGui's own log slider printed with that format ("%.2f" for a momentum, "%.1f" for a ratio).
  ParamTable&& log() && { return std::move(*this).widget(ParamWidget::Log); }
  /// A log slider whose leftmost position is 0, shown as the translation of `zeroKey`.
  ParamTable&& logOrZero(const char* zeroKey) && {
    last().zeroText = zeroKey;
    return std::move(*this).widget(ParamWidget::LogOrZero);
  }
  ParamTable&& percent() && { return std::move(*this).widget(ParamWidget::Percent); }
  ParamTable&& angle() && { return std::move(*this).widget(ParamWidget::Angle); }
  ParamTable&& input() && { return std::move(*this).widget(ParamWidget::Input); }
  ParamTable&& hidden() && { return std::move(*this).widget(ParamWidget::Hidden); }
  ParamTable&& widget(ParamWidget w) && {
    last().widget = w;
    return std::move(*this);
  }
  ParamTable&& format(const char* f) && {
    last().format = f;
    return std::move(*this);
  }
  ParamTable&& label(const char* key) && {
    last().label = key;
    return std::move(*this);
  }
  ParamTable&& tip(const char* key) && {
    last().tip = key;
    return std::move(*this);
  }
  /// The values the extreme steps visit, when not just lo and hi (e.g. a seed's 0 and 1,000,000 are lo and hi; a
  /// learning rate may add a middle value where the lesson changes regime).
  ParamTable&& extremes(std::vector<double> values) && {
    last().extremes = std::move(values);
    return std::move(*this);
  }

  /// Every parameter's description, in declaration order.
  const std::vector<ParamSpec>& specs() const { return m_specs; }
  const ParamSpec& spec(const char* key) const { return m_specs[index(key)]; }

  /// Every parameter into `j` (a scene's lesson parameters).
  void write(const P& p, nlohmann::json& j) const {
    for (size_t i = 0; i < m_specs.size(); ++i) {
      const ParamSpec& s = m_specs[i];
      std::visit([&](auto m) { j[s.key] = s.type == ParamType::Choice ? s.toJson(p.*m) : nlohmann::json(p.*m); },
                 m_members[i]);
    }
  }
  /// Every parameter present in the scene, range-checked, into `p` (the caller applies `p` only if reader.finish()).
  void read(ParamReader& r, P& p) const {
    for (size_t i = 0; i < m_specs.size(); ++i) readParam(r, m_specs[i], ref(p, i));
  }
  /// The control of parameter `key` (its label, tooltip, range and scale from the table).
  bool control(const LessonContext& ctx, P& p, const char* key) const {
    const size_t i = index(key);
    return drawParamControl(ctx, m_specs[i], ref(p, i));
  }
  /// The live value of `key` (for a lesson's own control of a table parameter).
  ParamRef ref(P& p, const char* key) const { return ref(p, index(key)); }

 private:
  template <class M>
  ParamTable&& add(const char* key, ParamType type, M m, double lo, double hi) {
    ParamSpec s;
    s.key = key;
    s.type = type;
    s.lo = lo;
    s.hi = hi;
    m_specs.push_back(std::move(s));
    m_members.push_back(m);
    return std::move(*this);
  }
  ParamSpec& last() { return m_specs.back(); }
  size_t index(const char* key) const {
    for (size_t i = 0; i < m_specs.size(); ++i)
      if (std::string(m_specs[i].key) == key) return i;
    throw std::logic_error(std::string("no parameter '") + key + "' in the table");
  }
  ParamRef ref(P& p, size_t i) const {
    return std::visit([&](auto m) { return ParamRef(&(p.*m)); }, m_members[i]);
  }

  std::vector<ParamSpec> m_specs;
  std::vector<Member> m_members;
};

}  // namespace nr::app
