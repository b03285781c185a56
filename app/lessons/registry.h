#pragma once
// The list of lessons. Adding a lesson: its own file pair plus one line in registry.cpp, and its texts (keys
// "<lesson id>.…") in the catalogs assets/i18n/<language>.json.

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "lessons/lesson.h"

namespace nr::app {

struct LessonInfo {
  const char* id;
  LessonGroup group;
  std::function<std::unique_ptr<Lesson>()> make;
};

/// Every lesson, in menu order. Needs no display.
const std::vector<LessonInfo>& lessonCatalog();
/// Index of a lesson id in the catalog, or -1.
int findLesson(const std::string& id);
const char* groupKey(LessonGroup group);

}  // namespace nr::app
