#pragma once
// Where the bundled data live (presets in scenes/, data sets in data/).

#include <string>

namespace nr::app {

/// The folder of bundled data: $NR_ASSET_DIR; else <prefix>/share/nrlab next to an installed binary; else the
/// source tree's assets/ (a build that was not installed).
std::string assetDir();

}  // namespace nr::app
