// The labels of every lesson parameter in an exported note's table, from the text catalogs: "<lesson id>.param.<key>"
// names a parameter, "<lesson id>.param.<key>.<value>" a choice's value. A UI test checks that every parameter a
// lesson reports (at its defaults and at every extreme) has its label, so a note never shows an internal key.
#include "lessons/note_params.h"

#include <cstdio>

namespace nr::app {

std::vector<NoteParamRow> noteParamRows(const Lesson& lesson, const Translator& tr, Lang lang) {
  std::vector<NoteParamRow> rows;
  const nlohmann::json params = lesson.params();
  const std::string prefix = std::string(lesson.id()) + ".param.";
  for (auto it = params.begin(); it != params.end(); ++it) {
    if (!lesson.noteShowsParam(it.key())) continue;
    const std::string key = prefix + it.key();
    NoteParamRow row;
    row.label = tr.has(key) ? tr.get(key.c_str(), lang) : it.key();
    row.labelled = tr.has(key);
    const nlohmann::json& v = *it;
    if (v.is_boolean()) {
      row.value = tr.get(v.get<bool>() ? "note.yes" : "note.no", lang);
    } else if (v.is_number_float()) {  // 0.41999998688697815 (a float seen as double) → 0.42
      char num[32];
      std::snprintf(num, sizeof num, "%.6g", v.get<double>());
      row.value = num;
    } else if (v.is_number()) {
      row.value = v.dump();
    } else if (v.is_array()) {
      char num[32];
      std::snprintf(num, sizeof num, tr.get("note.points", lang), int(v.size()));
      row.value = num;
    } else if (v.is_string()) {
      const std::string s = v.get<std::string>();
      const std::string valueKey = key + "." + s;
      if (it.key() == "speed" && s == "max")
        row.value = tr.get("note.max", lang);
      else if (tr.has(valueKey)) row.value = tr.get(valueKey.c_str(), lang);
      else row.value = s;  // a file name or a column name: the user's own text
      row.valueLabelled = tr.has(valueKey) || (it.key() == "speed" && s == "max");
    } else {
      row.value = v.dump();
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace nr::app
