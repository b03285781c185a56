# Embeds GLSL shader files into a target as C++ raw string literals (cmake/EmbedFiles.cmake does the work).
#
#   include(${PROJECT_SOURCE_DIR}/cmake/EmbedShaders.cmake)
#   nr_embed_shaders(TARGET nr_gfx DIR ${PROJECT_SOURCE_DIR}/shaders)
#
# Every DIR/*.vert and DIR/*.frag becomes one entry of nr::gfx::detail::kEmbeddedShaders in the generated
# ${CMAKE_CURRENT_BINARY_DIR}/<TARGET>_embedded_shaders.cpp, added to TARGET's sources; gfx/embedded_shaders.h
# declares the table and the lookup (nr::gfx::embeddedShader(name), embeddedShaderNames()).
# - Editing a shader regenerates the .cpp at the next build; adding or removing one re-runs configure by itself.
# - Debug builds also get NR_SHADER_SOURCE_DIR="DIR", so the app reads shaders from the source tree first and a
#   shader edit needs no rebuild at all (see loadShaderText). The NR_SHADER_DIR environment variable does the
#   same in any build.

include(${CMAKE_CURRENT_LIST_DIR}/EmbedFiles.cmake)

function(nr_embed_shaders)
  cmake_parse_arguments(ARG "" "TARGET;DIR" "" ${ARGN})
  if(NOT ARG_TARGET OR NOT ARG_DIR)
    message(FATAL_ERROR "nr_embed_shaders: usage is nr_embed_shaders(TARGET <target> DIR <shader dir>)")
  endif()
  nr_embed_files(TARGET ${ARG_TARGET} DIR ${ARG_DIR} PATTERNS *.vert *.frag KIND shaders
                 HEADER gfx/embedded_shaders.h NAMESPACE nr::gfx::detail ENTRY EmbeddedShaderEntry
                 TABLE kEmbeddedShaders COUNT kEmbeddedShaderCount DELIM nr_glsl)
  target_compile_definitions(${ARG_TARGET} PRIVATE "$<$<CONFIG:Debug>:NR_SHADER_SOURCE_DIR=\"${ARG_DIR}\">")
endfunction()
