#pragma once
#include <vector>

#include "ui/i18n.h"

namespace nr::app {
/// The shell's own entries of the translation table.
const std::vector<TextEntry>& shellStrings();
}  // namespace nr::app
