# The web edition's page (./dev.sh web build): nrlab.js + nrlab.wasm + nrlab.data (fonts, presets, data sets)
# and index.html, in <build-web>/site/: a plain static site. Included from app/CMakeLists.txt with EMSCRIPTEN.

set(NR_SITE_DIR ${CMAKE_BINARY_DIR}/site)
set(NR_WEB_FILES ${CMAKE_BINARY_DIR}/web-files)  # what the page's file system holds, packed into nrlab.data

# Fonts: DejaVu Sans and Noto Sans CJK SC, subset to the characters of NR Lab's texts (every non-ASCII character in
# the text catalogs, the app's sources and the bundled scenes), so Chinese costs about a megabyte instead of 20.
file(GLOB_RECURSE NR_TEXT_SOURCES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/app/*.cpp ${PROJECT_SOURCE_DIR}/app/*.h
     ${PROJECT_SOURCE_DIR}/assets/scenes/*.json ${PROJECT_SOURCE_DIR}/assets/i18n/*.json)
set(NR_FONT_STAMP ${NR_WEB_FILES}/fonts/.stamp)
add_custom_command(
  OUTPUT ${NR_FONT_STAMP}
  COMMAND /usr/bin/python3 ${PROJECT_SOURCE_DIR}/tools/web/subset_fonts.py --out ${NR_WEB_FILES}/fonts
          --texts ${PROJECT_SOURCE_DIR}/app ${PROJECT_SOURCE_DIR}/assets/scenes ${PROJECT_SOURCE_DIR}/assets/i18n
  COMMAND ${CMAKE_COMMAND} -E touch ${NR_FONT_STAMP}
  DEPENDS ${PROJECT_SOURCE_DIR}/tools/web/subset_fonts.py ${NR_TEXT_SOURCES}
  COMMENT "Subsetting the fonts to the characters NR Lab uses"
  VERBATIM)
add_custom_target(nr_web_fonts DEPENDS ${NR_FONT_STAMP})

add_executable(nrlab ${CMAKE_CURRENT_LIST_DIR}/web_main.cpp)
add_dependencies(nrlab nr_web_fonts)
target_link_libraries(nrlab PRIVATE nr_gui)
target_compile_definitions(nrlab PRIVATE NR_VERSION="${PROJECT_VERSION}")
nr_warnings(nrlab)
set_target_properties(nrlab PROPERTIES SUFFIX ".js" RUNTIME_OUTPUT_DIRECTORY ${NR_SITE_DIR})
target_link_options(nrlab PRIVATE
  -sALLOW_MEMORY_GROWTH=1
  -sINITIAL_MEMORY=64MB
  -sFORCE_FILESYSTEM=1
  "-sEXPORTED_RUNTIME_METHODS=['ccall','FS']"
  "-sEXPORTED_FUNCTIONS=['_main','_malloc','_free']"
  "SHELL:--preload-file ${NR_WEB_FILES}/fonts@/fonts"
  "SHELL:--preload-file ${PROJECT_SOURCE_DIR}/assets@/assets"
  "SHELL:--exclude-file *.stamp"
  "SHELL:--exclude-file ${PROJECT_SOURCE_DIR}/assets/i18n")  # the catalogs are compiled in
set_property(TARGET nrlab APPEND PROPERTY LINK_DEPENDS ${NR_FONT_STAMP})

# The page itself.
configure_file(${CMAKE_CURRENT_LIST_DIR}/index.html ${NR_SITE_DIR}/index.html COPYONLY)
configure_file(${PROJECT_SOURCE_DIR}/packaging/nrlab.svg ${NR_SITE_DIR}/favicon.svg COPYONLY)
