#include "platform/font_files.h"

namespace nr::app {

// The web edition ships its fonts in the page's data: DejaVu Sans and Noto Sans CJK SC, each cut down at build
// time to the characters NR Lab's texts use (tools/web/subset_fonts.py), the CJK one a single face.
FontFiles findFontFiles() {
  FontFiles f;
  f.latin = "/fonts/DejaVuSans.ttf";
  f.cjk = "/fonts/NotoSansCJKsc.otf";
  f.cjkIndex = 0;
  return f;
}

}  // namespace nr::app
