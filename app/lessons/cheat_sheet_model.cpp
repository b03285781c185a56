// cheat-sheet's tables: one row per method with the same columns, so the differences line up; each row names the
// lesson that shows it.

#include "lessons/cheat_sheet_model.h"

#include <vector>

namespace nr::app {

namespace {

struct Table {
  int columns;
  std::vector<const char*> rowLessons;  ///< the lesson id each row opens
};

const std::vector<Table>& tables() {
  static const std::vector<Table> t = {
      // t0: normalization methods
      {6, {"norm-axes", "batch-stats", "norm-axes", "norm-axes", "weight-norm", "feature-scaling"}},
      // t1: regularization methods
      {5,
       {"penalty-geometry", "penalty-geometry", "regularized-fit", "penalty-geometry", "priors", "dropout",
        "early-stopping", "augmentation", "weight-decay", "pruning"}},
      // t2: weight normalization vs weight decay
      {3, {"weight-norm", "weight-norm", "weight-norm", "weight-norm", "weight-decay"}},
      // t3: the glossary (term, the term in the other language, meaning)
      {3, {"norm-axes",        "norm-axes",        "norm-axes",        "norm-axes",        "batch-stats",
           "weight-norm",      "feature-scaling",  "feature-scaling",  "regularized-fit",  "regularized-fit",
           "penalty-geometry", "penalty-geometry", "penalty-geometry", "penalty-geometry", "regularized-fit",
           "priors",           "weight-decay",     "weight-decay",     "dropout",          "early-stopping",
           "pruning",          "augmentation",     "training-lab",     "deep-activations"}},
  };
  return t;
}

}  // namespace

int CheatSheetModel::tableCount() { return static_cast<int>(tables().size()); }

int CheatSheetModel::columnCount(int table) {
  return table >= 0 && table < tableCount() ? tables()[std::size_t(table)].columns : 0;
}

int CheatSheetModel::rowCount(int table) {
  return table >= 0 && table < tableCount() ? static_cast<int>(tables()[std::size_t(table)].rowLessons.size()) : 0;
}

const char* CheatSheetModel::rowLesson(int table, int row) {
  if (row < 0 || row >= rowCount(table)) return nullptr;
  return tables()[std::size_t(table)].rowLessons[std::size_t(row)];
}

std::string CheatSheetModel::cellKey(int t, int r, int c) {
  return "cheat-sheet.t" + std::to_string(t) + (r < 0 ? ".h" : ".r" + std::to_string(r)) + ".c" + std::to_string(c);
}

}  // namespace nr::app
