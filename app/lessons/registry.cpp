#include "lessons/registry.h"

#include <stdexcept>

#include "lessons/augmentation.h"
#include "lessons/batch_stats.h"
#include "lessons/cheat_sheet.h"
#include "lessons/deep_activations.h"
#include "lessons/dropout.h"
#include "lessons/early_stopping.h"
#include "lessons/feature_scaling.h"
#include "lessons/norm_axes.h"
#include "lessons/penalty_geometry.h"
#include "lessons/regularized_fit.h"
#include "lessons/pruning.h"
#include "lessons/priors.h"
#include "lessons/training_lab.h"
#include "lessons/weight_decay.h"
#include "lessons/weight_norm.h"

namespace nr::app {

template <typename T>
static LessonInfo entry(const char* id, LessonGroup group) {
  const std::string k = id;
  return {id,           group,           typeid(T), [] { return std::unique_ptr<Lesson>(new T()); },
          k + ".title", k + ".heading", k + ".what", k + ".try"};
}

const std::vector<LessonInfo>& lessonCatalog() {
  static const std::vector<LessonInfo> catalog = {
      entry<NormAxesLesson>("norm-axes", LessonGroup::Normalization),
      entry<BatchStatsLesson>("batch-stats", LessonGroup::Normalization),
      entry<WeightNormLesson>("weight-norm", LessonGroup::Normalization),
      entry<FeatureScalingLesson>("feature-scaling", LessonGroup::Normalization),
      entry<DeepActivationsLesson>("deep-activations", LessonGroup::Normalization),
      entry<PenaltyGeometryLesson>("penalty-geometry", LessonGroup::Regularization),
      entry<PriorsLesson>("priors", LessonGroup::Regularization),
      entry<RegularizedFitLesson>("regularized-fit", LessonGroup::Regularization),
      entry<TrainingLabLesson>("training-lab", LessonGroup::Training),
      entry<DropoutLesson>("dropout", LessonGroup::Training),
      entry<EarlyStoppingLesson>("early-stopping", LessonGroup::Training),
      entry<WeightDecayLesson>("weight-decay", LessonGroup::Training),
      entry<PruningLesson>("pruning", LessonGroup::Training),
      entry<AugmentationLesson>("augmentation", LessonGroup::Training),
      entry<CheatSheetLesson>("cheat-sheet", LessonGroup::Reference),
  };
  return catalog;
}

int findLesson(const std::string& id) {
  const auto& c = lessonCatalog();
  for (size_t i = 0; i < c.size(); ++i)
    if (id == c[i].id) return static_cast<int>(i);
  return -1;
}

const LessonInfo& lessonInfo(std::type_index type) {
  for (const LessonInfo& info : lessonCatalog())
    if (info.type == type) return info;
  throw std::logic_error(std::string("lesson class ") + type.name() + " has no line in lessons/registry.cpp");
}

const char* groupKey(LessonGroup group) {
  switch (group) {
    case LessonGroup::Normalization: return "group.normalization";
    case LessonGroup::Regularization: return "group.regularization";
    case LessonGroup::Training: return "group.training";
    case LessonGroup::Reference: return "group.reference";
  }
  return "";
}

}  // namespace nr::app
