#pragma once
// An exported note's parameter table: every parameter of the lesson under its label in the note's language, with
// choices and yes/no in that language too (never an internal key such as `l1_ratio` or `function: sine`).

#include <string>
#include <vector>

#include "lessons/lesson.h"

namespace nr::app {

struct NoteParamRow {
  std::string label, value;
  bool labelled = false;       ///< the label came from the table (not the raw key)
  bool valueLabelled = false;  ///< a string value came from the table (not the raw value)
};

/// The rows of the lesson's parameters that apply to its current settings (Lesson::noteShowsParam), in `lang`.
std::vector<NoteParamRow> noteParamRows(const Lesson& lesson, const Translator& tr, Lang lang);

}  // namespace nr::app
