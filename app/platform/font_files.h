#pragma once
// Where the fonts are: the desktop asks fontconfig (font_files_desktop.cpp); the web edition ships subsets at fixed
// paths (web.cpp). The only platform-dependent part of font loading: kit/fonts reads and builds them alike.

#include "kit/fonts.h"

namespace nr::app {

/// Finds the font files of this platform.
FontFiles findFontFiles();

}  // namespace nr::app
