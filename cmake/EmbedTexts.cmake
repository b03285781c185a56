# Embeds the text catalogs (assets/i18n/<code>.json) into a target as C++ raw string literals
# (cmake/EmbedFiles.cmake does the work, as for the shaders).
#
#   include(${PROJECT_SOURCE_DIR}/cmake/EmbedTexts.cmake)
#   nr_embed_texts(TARGET nr_gui DIR ${PROJECT_SOURCE_DIR}/assets/i18n)
#
# Every DIR/*.json becomes one entry of nr::app::detail::kEmbeddedTexts in the generated
# ${CMAKE_CURRENT_BINARY_DIR}/<TARGET>_embedded_texts.cpp, added to TARGET's sources; kit/text_catalog.h declares the
# table. Editing a catalog regenerates the .cpp at the next build; adding one re-runs configure by itself. Without a
# rebuild, NR_TEXT_DIR=<dir> lays the catalogs of <dir> over the embedded ones at start-up (kit/text_catalog.h).

include(${CMAKE_CURRENT_LIST_DIR}/EmbedFiles.cmake)

function(nr_embed_texts)
  cmake_parse_arguments(ARG "" "TARGET;DIR" "" ${ARGN})
  if(NOT ARG_TARGET OR NOT ARG_DIR)
    message(FATAL_ERROR "nr_embed_texts: usage is nr_embed_texts(TARGET <target> DIR <catalog dir>)")
  endif()
  nr_embed_files(TARGET ${ARG_TARGET} DIR ${ARG_DIR} PATTERNS *.json KIND texts HEADER kit/text_catalog.h
                 NAMESPACE nr::app::detail ENTRY EmbeddedText TABLE kEmbeddedTexts COUNT kEmbeddedTextCount
                 DELIM nr_text)
endfunction()
