#pragma once
// The gfx layer of NR Lab: shader programs, textures, framebuffers, the cached scalar-field renderer.
//
// RULE: gfx is the only code in the app that calls OpenGL. Everything else (platform, ui, widgets, lessons) asks
// gfx for a texture and shows it with ImGui::Image; only ImGui's own OpenGL3 backend calls GL besides us.
// gfx includes neither GLFW nor ImGui, and its public headers do not include GL either (GL names are plain
// `unsigned int`), so a header of ours never imposes an include order. Every call needs a current GL 3.3 core
// context (the platform layer makes one); objects must be destroyed while that context is still current.
//
// State: gfx functions restore the GL state they touch (bindings, viewport, pixel-store, blend), so they can be
// called anywhere between ImGui frames without surprising ImGui's backend.
//
// [SECTION] index
//   gl_info.h          glInfo() (renderer/version strings), drainGlErrors()
//   math_types.h       Vec2/Vec3/Vec4/Mat4 for uniforms
//   embedded_shaders.h shaders/*.vert|frag compiled into the binary; disk override (NR_SHADER_DIR, Debug)
//   shader_program.h   ShaderProgram: compile/link with full logs, typed cached-location setters
//   texture.h          Texture2D: RGBA8 / R32F upload, update in place, ImGui texture id
//   framebuffer.h      Framebuffer: RGBA8 colour (+ depth), bind/unbind restoring state, readPixels; back buffer
//   colormap.h         viridis and a diverging map, the same table on the CPU (legends) and the GPU
//   field_renderer.h   FieldRenderer + CachedField: scalar field -> coloured, contoured texture, once per change

#include "gfx/colormap.h"
#include "gfx/embedded_shaders.h"
#include "gfx/field_renderer.h"
#include "gfx/framebuffer.h"
#include "gfx/gl_info.h"
#include "gfx/math_types.h"
#include "gfx/shader_program.h"
#include "gfx/texture.h"
