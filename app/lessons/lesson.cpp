#include "lessons/lesson.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <type_traits>

#include "lessons/registry.h"
#include "nr/file_io.h"

namespace nr::app {

const LessonInfo& Lesson::info() const {
  if (!m_info) m_info = &lessonInfo(typeid(*this));
  return *m_info;
}
const char* Lesson::id() const { return info().id; }
LessonGroup Lesson::group() const { return info().group; }
const char* Lesson::titleKey() const { return info().title.c_str(); }
const char* Lesson::headingKey() const { return info().heading.c_str(); }
const char* Lesson::whatKey() const { return info().what.c_str(); }
const char* Lesson::tryKey() const { return info().tryThis.c_str(); }

const char* Lesson::latexText(const char* key) const {
  if (m_textTr) return m_textTr->get(key, m_textLang);
  static const Translator english;  // no app around (tests, tools): the English text
  return english.get(key, kEnglish);
}

ParamReader::ParamReader(const nlohmann::json& j, std::vector<std::string>& warnings, std::vector<std::string>& errors)
    : m_json(j), m_warnings(warnings), m_errors(errors) {
  if (!j.is_object()) {
    m_errors.push_back("the lesson parameters must be a JSON object");
    m_ok = false;
  }
}

std::string jsonPreview(const nlohmann::json& v, size_t maxChars) {
  if (v.is_object()) return v.empty() ? "{}" : "an object of " + std::to_string(v.size()) + (v.size() == 1 ? " key" : " keys");
  if (v.is_array()) return v.empty() ? "[]" : "a list of " + std::to_string(v.size()) + (v.size() == 1 ? " value" : " values");
  if (v.is_string()) {
    const std::string& s = v.get_ref<const std::string&>();
    if (s.size() <= maxChars) return v.dump();
    return "\"" + core::shortText(s, maxChars) + "\" (" + std::to_string(s.size()) + " bytes)";
  }
  return v.dump();  // a number, true/false or null: short
}

std::vector<std::string> summarizeMessages(std::vector<std::string> messages, const char* what, size_t shown) {
  if (messages.size() <= shown + 1) return messages;
  const size_t more = messages.size() - shown;
  messages.resize(shown);
  messages.push_back("and " + std::to_string(more) + " more " + what);
  return messages;
}

namespace {
std::string range(double lo, double hi) {
  char buf[96];
  std::snprintf(buf, sizeof buf, "between %g and %g", lo, hi);
  return buf;
}
}  // namespace

void ParamReader::read(const char* key, int& value, int lo, int hi) {
  m_seen.emplace_back(key);
  if (!m_ok || !m_json.contains(key)) return;
  const nlohmann::json& v = m_json[key];
  if (!v.is_number_integer() || v.get<long long>() < lo || v.get<long long>() > hi) {
    m_errors.push_back(std::string("'") + key + "' must be a whole number " + range(lo, hi) + ", got " + jsonPreview(v));
    m_ok = false;
    return;
  }
  value = v.get<int>();
}

void ParamReader::read(const char* key, double& value, double lo, double hi) {
  m_seen.emplace_back(key);
  if (!m_ok || !m_json.contains(key)) return;
  const nlohmann::json& v = m_json[key];
  if (!v.is_number() || !std::isfinite(v.get<double>()) || v.get<double>() < lo || v.get<double>() > hi) {
    m_errors.push_back(std::string("'") + key + "' must be a number " + range(lo, hi) + ", got " + jsonPreview(v));
    m_ok = false;
    return;
  }
  value = v.get<double>();
}

void ParamReader::read(const char* key, float& value, float lo, float hi) {
  m_seen.emplace_back(key);
  if (!m_ok || !m_json.contains(key)) return;
  const nlohmann::json& v = m_json[key];
  // A float bound is not the decimal written in a scene: 0.9f is 0.89999998, so "0.9" must still count as the
  // maximum. The float rounding of the bounds is accepted, then the value is clamped.
  auto slack = [](float b) { return 1e-6 * std::max(1.0, std::fabs(static_cast<double>(b))); };
  if (!v.is_number() || !std::isfinite(v.get<double>()) || v.get<double>() < lo - slack(lo) ||
      v.get<double>() > hi + slack(hi)) {
    m_errors.push_back(std::string("'") + key + "' must be a number " + range(lo, hi) + ", got " + jsonPreview(v));
    m_ok = false;
    return;
  }
  value = static_cast<float>(std::clamp(v.get<double>(), static_cast<double>(lo), static_cast<double>(hi)));
}

void ParamReader::read(const char* key, bool& value) {
  m_seen.emplace_back(key);
  if (!m_ok || !m_json.contains(key)) return;
  const nlohmann::json& v = m_json[key];
  if (!v.is_boolean()) {
    m_errors.push_back(std::string("'") + key + "' must be true or false, got " + jsonPreview(v));
    m_ok = false;
    return;
  }
  value = v.get<bool>();
}

void ParamReader::read(const char* key, std::string& value) {
  m_seen.emplace_back(key);
  if (!m_ok || !m_json.contains(key)) return;
  const nlohmann::json& v = m_json[key];
  if (!v.is_string()) {
    m_errors.push_back(std::string("'") + key + "' must be a string, got " + jsonPreview(v));
    m_ok = false;
    return;
  }
  value = v.get<std::string>();
}

void ParamReader::readChoice(const char* key, int& value, const std::vector<const char*>& choices) {
  m_seen.emplace_back(key);
  if (!m_ok || !m_json.contains(key)) return;
  const nlohmann::json& v = m_json[key];
  if (v.is_string())
    for (size_t i = 0; i < choices.size(); ++i)
      if (v.get<std::string>() == choices[i]) {
        value = static_cast<int>(i);
        return;
      }
  std::string list;
  for (size_t i = 0; i < choices.size(); ++i) list += (i ? ", " : "") + std::string(choices[i]);
  m_errors.push_back(std::string("'") + key + "' must be one of " + list + ", got " + jsonPreview(v));
  m_ok = false;
}

void ParamReader::readSpeed(const char* key, double& value, double lo, double hi) {
  m_seen.emplace_back(key);
  if (!m_ok || !m_json.contains(key)) return;
  const nlohmann::json& v = m_json[key];
  if (v.is_string() && v.get<std::string>() == "max") {
    value = 0.0;
    return;
  }
  if (!v.is_number() || !std::isfinite(v.get<double>()) || v.get<double>() < lo || v.get<double>() > hi) {
    m_errors.push_back(std::string("'") + key + "' must be a number of epochs per second " + range(lo, hi) +
                       ", or \"max\", got " + jsonPreview(v));
    m_ok = false;
    return;
  }
  value = v.get<double>();
}

bool ParamReader::finish() {
  if (m_json.is_object()) {
    std::vector<std::string> unknown;
    size_t count = 0;
    for (auto it = m_json.begin(); it != m_json.end(); ++it)
      if (std::find(m_seen.begin(), m_seen.end(), it.key()) == m_seen.end() && ++count <= 3)
        unknown.push_back("unknown parameter '" + core::shortText(it.key(), 40, true) + "' ignored");
    if (count > 3) unknown.push_back("and " + std::to_string(count - 3) + " more unknown parameters ignored");
    for (std::string& w : unknown) m_warnings.push_back(std::move(w));
  }
  return m_ok;
}

}  // namespace nr::app

namespace nr::app {

std::vector<double> ParamSpec::extremeValues() const {
  if (!extremes.empty()) return extremes;
  if (type == ParamType::Choice) {
    std::vector<double> all;
    for (size_t i = 0; i < choices.size(); ++i) all.push_back(double(i));
    return all;
  }
  if (widget == ParamWidget::LogOrZero) return {0.0, lo, hi};
  return {lo, hi};
}

nlohmann::json ParamSpec::toJson(double value) const {
  switch (type) {
    case ParamType::Choice: {
      const size_t i = static_cast<size_t>(std::clamp(value, 0.0, double(choices.size()) - 1));
      return choices[i];
    }
    case ParamType::Boolean: return value != 0.0;
    case ParamType::Integer: return static_cast<long long>(std::llround(value));
    case ParamType::Real: break;
  }
  return value;
}

void readParam(ParamReader& r, const ParamSpec& s, ParamRef value) {
  std::visit(
      [&](auto* v) {
        using T = std::remove_pointer_t<decltype(v)>;
        if constexpr (std::is_same_v<T, bool>) {
          r.read(s.key, *v);
        } else if constexpr (std::is_same_v<T, int>) {
          if (s.type == ParamType::Choice)
            r.readChoice(s.key, *v, s.choices);
          else
            r.read(s.key, *v, static_cast<int>(s.lo), static_cast<int>(s.hi));
        } else {
          // A log slider with an "off" position takes 0 as well as its range.
          r.read(s.key, *v, static_cast<T>(s.widget == ParamWidget::LogOrZero ? 0.0 : s.lo), static_cast<T>(s.hi));
        }
      },
      value);
}

int extremeStepCount(const std::vector<ParamSpec>& specs) {
  if (specs.empty()) return 0;
  int n = 2;
  for (const ParamSpec& s : specs) n += static_cast<int>(s.extremeValues().size());
  return n;
}

nlohmann::json extremeJson(const std::vector<ParamSpec>& specs, int step) {
  nlohmann::json j = nlohmann::json::object();
  if (step < 2) {
    for (const ParamSpec& s : specs) {
      const std::vector<double> v = s.extremeValues();
      j[s.key] = s.toJson(step == 0 ? v.front() : v.back());
    }
    return j;
  }
  step -= 2;
  for (const ParamSpec& s : specs) {
    const std::vector<double> v = s.extremeValues();
    if (step < static_cast<int>(v.size())) {
      j[s.key] = s.toJson(v[step]);
      return j;
    }
    step -= static_cast<int>(v.size());
  }
  return j;
}

int Lesson::extremeSteps() const { return extremeStepCount(paramSpecs()); }

void Lesson::applyExtreme(int step) {
  if (!m_defaults) {  // a fresh lesson's parameters: the one-at-a-time steps change one value from these
    m_defaults = std::make_unique<nlohmann::json>(lessonInfo(typeid(*this)).make()->params());
  }
  nlohmann::json j = *m_defaults;
  const nlohmann::json extreme = extremeJson(paramSpecs(), step);
  for (auto it = extreme.begin(); it != extreme.end(); ++it) j[it.key()] = it.value();
  std::vector<std::string> warnings, errors;
  setParams(j, warnings, errors);
  if (!errors.empty() || !warnings.empty())
    throw std::logic_error(std::string(id()) + " extreme step " + std::to_string(step) + " (" + j.dump() +
                           ") is not a valid scene: " + (errors.empty() ? warnings : errors).front());
}

const std::vector<ParamSpec>& Lesson::paramSpecs() const {
  static const std::vector<ParamSpec> none;
  return none;
}

}  // namespace nr::app
