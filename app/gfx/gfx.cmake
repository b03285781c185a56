# Owned by the gfx layer: defines nr_gfx, the only code in the app that calls OpenGL (shader programs,
# framebuffers, textures, the field renderer, embedded shaders). Included from app/CMakeLists.txt, so
# CMAKE_CURRENT_SOURCE_DIR is app/ and headers are included as "gfx/shader_program.h".
include(${PROJECT_SOURCE_DIR}/cmake/EmbedShaders.cmake)

add_library(nr_gfx STATIC
  ${CMAKE_CURRENT_LIST_DIR}/colormap.cpp
  ${CMAKE_CURRENT_LIST_DIR}/embedded_shaders.cpp
  ${CMAKE_CURRENT_LIST_DIR}/field_renderer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/frame_ops.cpp
  ${CMAKE_CURRENT_LIST_DIR}/framebuffer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/gl_info.cpp
  ${CMAKE_CURRENT_LIST_DIR}/shader_program.cpp
  ${CMAKE_CURRENT_LIST_DIR}/texture.cpp
)
target_include_directories(nr_gfx PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
if(NOT EMSCRIPTEN)  # the web edition's OpenGL ES 3 (WebGL 2) needs no loader
  target_link_libraries(nr_gfx PUBLIC PkgConfig::EPOXY)
endif()
# shaders/*.vert|frag -> a generated .cpp in nr_gfx (and, in Debug, read from the source tree at run time).
nr_embed_shaders(TARGET nr_gfx DIR ${PROJECT_SOURCE_DIR}/shaders)
nr_warnings(nr_gfx)
