#pragma once
// The OpenGL API of this build: desktop OpenGL 3.3 core through libepoxy, or OpenGL ES 3.0 (WebGL 2) in the web
// edition, where NR_GL_ES is 1. Code that uses a desktop-only call or state (polygon mode, sRGB framebuffer
// switch) checks it; shaders are written once in GLSL 3.30 and given an ES header at compile time (shaderSource).

#ifdef __EMSCRIPTEN__
#include <GLES3/gl3.h>
#define NR_GL_ES 1
#else
#include <epoxy/gl.h>
#define NR_GL_ES 0
#endif
