#pragma once
// The list of lessons. Adding a lesson: its own file pair plus one line in registry.cpp, and its texts (keys
// "<lesson id>.…") in the catalogs assets/i18n/<language>.json.

#include <functional>
#include <memory>
#include <string>
#include <typeindex>
#include <vector>

#include "lessons/lesson.h"

namespace nr::app {

/// A lesson's descriptor, written once (registry.cpp): its id, its group, its class, and the translation keys that
/// follow from the id ("<id>.title", "<id>.heading", "<id>.what", "<id>.try"). Lesson::id() and the key
/// accessors read it, so a lesson class never repeats them.
struct LessonInfo {
  const char* id;
  LessonGroup group;
  std::type_index type;
  std::function<std::unique_ptr<Lesson>()> make;
  std::string title, heading, what, tryThis;
};

/// Every lesson, in menu order. Needs no display.
const std::vector<LessonInfo>& lessonCatalog();
/// Index of a lesson id in the catalog, or -1.
int findLesson(const std::string& id);
/// The descriptor of a lesson class (std::logic_error when the class has no line in the registry).
const LessonInfo& lessonInfo(std::type_index type);
const char* groupKey(LessonGroup group);

}  // namespace nr::app
