#pragma once
// A two-class decision boundary as a picture: the predicted probability of class 1 on a grid, in the diverging map
// (class 0 blue, class 1 red) with the 0.5 contour, rendered to a texture only when the grid changes. Shared by
// training-lab and pruning, which show the same kind of classifier.

#include <memory>

#include "gfx/field_renderer.h"
#include "lessons/lesson.h"

namespace nr::app {

class BoundaryImage {
 public:
  /// The probabilities on a grid×grid lattice, row 0 at the bottom (borrowed: keep them alive until the next call).
  void setField(int grid, const float* probabilities);
  /// Draws the picture side×side at the cursor (an empty space in renderer-less tests), rendering at most
  /// maxTexels² texels: the field is smooth (bicubic in the shader), and llvmpipe pays per rendered pixel.
  void draw(LessonContext& ctx, float side, int maxTexels);

 private:
  std::unique_ptr<gfx::FieldRenderer> m_renderer;
  std::unique_ptr<gfx::CachedField> m_field;
  int m_grid = 0;
  const float* m_values = nullptr;
};

}  // namespace nr::app
