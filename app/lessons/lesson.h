#pragma once
// The one seam for lessons. A lesson has a stable id, a title, controls, a canvas, an explanation, an optional
// update(dt) and reset(), and parameters that round-trip through JSON (scenes). It is registered in one list
// (lessons/registry.cpp); the menu, --lesson, --list-lessons, scenes and every lesson test iterate that list.
//
// Lessons draw with ImGui and the shared widgets only. They own their parameters and cached results and
// recompute only when a control reports a change.

#include <imgui.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "kit/i18n.h"
#include "lessons/param_table.h"

namespace nr::app {

struct LayoutProbe;
struct LessonInfo;

enum class LessonGroup { Normalization, Regularization, Training, Reference };

/// What a lesson may use while drawing: the language, the UI scale, and a place for messages.
struct LessonContext {
  const Translator* translator = nullptr;
  Lang lang = kEnglish;
  float scale = 1.0f;       ///< UI scale (1–3); fonts are already built at this size
  bool hasGraphics = true;  ///< false in renderer-less UI tests: no GL textures may be created
  std::vector<std::string>* messages = nullptr;
  std::string* navigate = nullptr;  ///< set to a lesson id to open that lesson after this frame
  bool highContrast = false;        ///< the high-contrast theme is on (plots draw bolder)
  LayoutProbe* probe = nullptr;     ///< the layout check (nrlab --check-layout): widgets record what they laid out

  const char* tr(const char* key) const { return translator ? translator->get(key, lang) : key; }
};

class Lesson {
 public:
  virtual ~Lesson() = default;

  /// The id and group from the lesson's one line in lessons/registry.cpp (found by its class), and the translation
  /// keys that follow from the id: "<id>.title", "<id>.heading" (the longer heading above the controls), "<id>.what"
  /// ("what this shows") and "<id>.try" ("try this"). A lesson whose heading or explanation depends on its settings
  /// overrides headingKey()/whatKey().
  const char* id() const;
  LessonGroup group() const;
  const char* titleKey() const;
  virtual const char* headingKey() const;
  virtual const char* whatKey() const;
  const char* tryKey() const;
  virtual std::vector<const char*> headingKeys() const { return {headingKey()}; }

  /// The controls panel (sliders, presets), each with a tooltip.
  virtual void drawControls(LessonContext& ctx) = 0;
  /// The picture; fills the current ImGui child window.
  virtual void drawCanvas(LessonContext& ctx) = 0;
  /// The formula with the current numbers in it (shown in presenter mode too).
  virtual void drawFormula(LessonContext& ctx) = 0;
  /// Translation keys of "what this shows" and "try this".

  /// Advance an animation by dt seconds (called every frame while playing).
  virtual void update(double /*dt*/) {}
  virtual bool canPlay() const { return false; }
  bool playing() const { return m_playing; }
  void setPlaying(bool on) { m_playing = on && canPlay(); }
  /// Whether the lesson needs frames even without input (playing, or a transition in progress).
  virtual bool animating() const { return m_playing; }

  /// Back to the start (R key, the Reset button): the defaults; or, when resetKeepsSettings(), a new run from
  /// the start with the current settings (the app then labels the button Restart and offers Defaults beside it).
  virtual void reset() = 0;
  /// Training lessons: reset() keeps the settings, so "switch on L2 and run again" is one click.
  virtual bool resetKeepsSettings() const { return false; }
  /// Parameters as JSON (scenes).
  virtual nlohmann::json params() const = 0;
  /// Applies parameters. All or nothing: on an invalid value nothing changes and `errors` says why; unknown keys
  /// are ignored with a line in `warnings`.
  virtual void setParams(const nlohmann::json& j, std::vector<std::string>& warnings, std::vector<std::string>& errors) = 0;
  /// The formula with the current numbers, as LaTeX (for "copy as LaTeX" and exported notes). Empty: none.
  virtual std::string formulaLatex() const { return {}; }
  /// Whether a parameter of params() applies to the current settings and belongs in an exported note's table
  /// (e.g. the elastic-net mixing only when the penalty is the elastic net).
  virtual bool noteShowsParam(const std::string& /*key*/) const { return true; }
  /// Counters for benchmark and soak runs (--bench-frames prints them), e.g. {"train_steps": 123456}.
  virtual nlohmann::json benchStats() const { return nlohmann::json::object(); }
  /// --bench-interact: change the lesson's main parameter (one step per frame).
  virtual void interact(int frame) = 0;
  /// The lesson's parameter table (lessons/param_table.h), without its members: every parameter's key, range,
  /// scale, label and tooltip keys and extremes. Scenes, notes and the tests read it.
  virtual const std::vector<ParamSpec>& paramSpecs() const;
  /// Visit every control at its extremes (UI tests): step `step` of extremeSteps(), from the parameter table alone
  /// (extremeJson(): all low, all high, then one parameter at a time from a fresh lesson's values) through
  /// setParams(); a step that is not a valid scene is a bug (std::logic_error). Not a lesson's to override.
  int extremeSteps() const;
  void applyExtreme(int step);

  /// Whether a file dropped on the window (e.g. a CSV of the student's own data) is for this lesson.
  virtual bool acceptsFileDrop(const std::string& /*path*/) const { return false; }
  /// The language of text made outside a draw call (formulaLatex(), hence copied LaTeX and exported notes). The
  /// app sets it whenever its language changes; English until then.
  void setTextLanguage(const Translator* tr, Lang lang) {
    m_textTr = tr;
    m_textLang = lang;
  }
  /// Waits for work the lesson runs off the frame loop (a large table being read and fitted) and applies it: a
  /// headless picture must show the result, not the progress line.
  virtual void finishWork() {}
  /// Takes a dropped file that acceptsFileDrop() accepted; problems go to ctx.messages, never an exception.
  virtual void onFileDrop(const std::string& /*path*/, LessonContext& /*ctx*/) {}

 protected:
  /// A word or phrase for formulaLatex() (e.g. \\text{step}) in the language set by setTextLanguage().
  const char* latexText(const char* key) const;

 private:
  const LessonInfo& info() const;

  mutable const LessonInfo* m_info = nullptr;
  std::unique_ptr<nlohmann::json> m_defaults;  ///< a fresh lesson's params(), for the extreme steps
  bool m_playing = false;
  const Translator* m_textTr = nullptr;
  Lang m_textLang = kEnglish;
};

/// Helper for setParams(): typed, range-checked reads that collect errors and unknown keys.
/// A value as a message may quote it: numbers and booleans in full, a string cut to `maxChars` characters, an
/// object or list named by its size. Never walks or prints a whole structure (a scene can be hostile).
std::string jsonPreview(const nlohmann::json& v, size_t maxChars = 40);

/// At most `shown` of `messages`, then "and N more <what>" (e.g. "unknown parameters"): one line a person reads
/// instead of thousands.
std::vector<std::string> summarizeMessages(std::vector<std::string> messages, const char* what, size_t shown = 3);

class ParamReader {
 public:
  ParamReader(const nlohmann::json& j, std::vector<std::string>& warnings, std::vector<std::string>& errors);
  void read(const char* key, int& value, int lo, int hi);
  void read(const char* key, double& value, double lo, double hi);
  void read(const char* key, float& value, float lo, float hi);
  void read(const char* key, bool& value);
  void read(const char* key, std::string& value);
  /// One of `choices` (a string in the file, stored as its index).
  void readChoice(const char* key, int& value, const std::vector<const char*>& choices);
  /// A training speed: epochs per second in [lo, hi], or the string "max" (stored as 0: as fast as possible).
  void readSpeed(const char* key, double& value, double lo, double hi);
  /// A key the lesson reads itself (a structured value such as a list of points): not an unknown key.
  void readByLesson(const char* key) { m_seen.emplace_back(key); }
  /// Call after all reads: warns about keys nobody read. Returns true when there was no error.
  bool finish();

 private:
  const nlohmann::json& m_json;
  std::vector<std::string>& m_warnings;
  std::vector<std::string>& m_errors;
  std::vector<std::string> m_seen;
  bool m_ok = true;
};

}  // namespace nr::app
