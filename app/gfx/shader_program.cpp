#include "gfx/shader_program.h"

#include "gfx/gl.h"

#include <cassert>
#include <cstdlib>
#include <sstream>

#include "gfx/embedded_shaders.h"

namespace nr::gfx {
namespace {

std::string shaderInfoLog(GLuint shader) {
  GLint length = 0;
  glGetShaderiv(shader, GL_INFO_LOG_LENGTH, &length);
  std::string log(static_cast<std::size_t>(length > 0 ? length : 0), '\0');
  if (length > 0) glGetShaderInfoLog(shader, length, nullptr, log.data());
  while (!log.empty() && (log.back() == '\0' || log.back() == '\n')) log.pop_back();
  return log;
}

std::string programInfoLog(GLuint program) {
  GLint length = 0;
  glGetProgramiv(program, GL_INFO_LOG_LENGTH, &length);
  std::string log(static_cast<std::size_t>(length > 0 ? length : 0), '\0');
  if (length > 0) glGetProgramInfoLog(program, length, nullptr, log.data());
  while (!log.empty() && (log.back() == '\0' || log.back() == '\n')) log.pop_back();
  return log;
}

// The line number a driver message points at, or 0. Mesa writes "0:12(5): error: ...", NVIDIA "0(12) : error ...",
// AMD/Intel-Windows "ERROR: 0:12: ...". All have the source-string index 0 followed by the line.
int messageLine(const std::string& message) {
  std::size_t start = message.find_first_not_of(" \t");
  if (start == std::string::npos) return 0;
  for (const char* prefix : {"ERROR: ", "WARNING: "}) {
    if (message.compare(start, std::string(prefix).size(), prefix) == 0) start += std::string(prefix).size();
  }
  if (message.compare(start, 2, "0:") != 0 && message.compare(start, 2, "0(") != 0) return 0;
  return std::atoi(message.c_str() + start + 2);
}

// The driver's log followed by the source lines it names, so the reader sees the offending code right away.
std::string annotateLog(const std::string& log, std::string_view source) {
  std::vector<std::string_view> lines;
  for (std::size_t begin = 0; begin <= source.size();) {
    std::size_t end = source.find('\n', begin);
    if (end == std::string_view::npos) end = source.size();
    lines.push_back(source.substr(begin, end - begin));
    begin = end + 1;
  }
  std::ostringstream out;
  out << log;
  std::vector<int> shown;
  std::istringstream messages(log);
  for (std::string message; std::getline(messages, message);) {
    int line = messageLine(message);
    if (line <= 0 || line > static_cast<int>(lines.size())) continue;
    bool already = false;
    for (int s : shown) already = already || s == line;
    if (already) continue;
    shown.push_back(line);
    out << "\n  " << line << " | " << lines[static_cast<std::size_t>(line - 1)];
  }
  return out.str();
}

// The source as this GL takes it. Shaders are written in GLSL 3.30 core; OpenGL ES 3.0 (WebGL 2) gets the same
// text under "#version 300 es", with high precision (the fields' values and contour levels need it) and
// NR_GL_ES defined, so a shader can avoid what ES lacks (filtering of float textures) in one place.
std::string glslFor(std::string_view source) {
#if NR_GL_ES
  std::string s(source);
  const std::size_t v = s.find("#version 330 core");
  if (v != std::string::npos)
    s.replace(v, 17, "#version 300 es\nprecision highp float;\nprecision highp int;\nprecision highp sampler2D;\n"
                     "#define NR_GL_ES 1");
  return s;
#else
  return std::string(source);
#endif
}

// Compiles one stage. Returns 0 and appends to `log` on failure.
GLuint compileStage(GLenum stage, std::string_view original, std::string_view origin, std::string& log) {
  const std::string glsl = glslFor(original);
  const std::string_view source = glsl;
  GLuint shader = glCreateShader(stage);
  const char* text = source.data();
  const GLint length = static_cast<GLint>(source.size());
  glShaderSource(shader, 1, &text, &length);
  glCompileShader(shader);
  GLint status = GL_FALSE;
  glGetShaderiv(shader, GL_COMPILE_STATUS, &status);
  std::string info = shaderInfoLog(shader);
  const char* stageName = stage == GL_VERTEX_SHADER ? "vertex" : "fragment";
  if (status != GL_TRUE) {
    if (!log.empty()) log += "\n";
    log += std::string(origin) + ": " + stageName + " shader failed to compile:\n" +
           annotateLog(info.empty() ? "(the driver gave no log)" : info, source);
    glDeleteShader(shader);
    return 0;
  }
  if (!info.empty()) {  // warnings: keep them, a successful program may still want to show them
    if (!log.empty()) log += "\n";
    log += std::string(origin) + ": " + stageName + " shader warnings:\n" + info;
  }
  return shader;
}

#ifndef NDEBUG
bool isCurrentProgram(GLuint id) {
  GLint current = 0;
  glGetIntegerv(GL_CURRENT_PROGRAM, &current);
  return static_cast<GLuint>(current) == id;
}
#endif

}  // namespace

ShaderProgram::~ShaderProgram() { destroy(); }

ShaderProgram::ShaderProgram(ShaderProgram&& other) noexcept
    : m_id(std::exchange(other.m_id, 0)),
      m_log(std::move(other.m_log)),
      m_vertName(std::move(other.m_vertName)),
      m_fragName(std::move(other.m_fragName)),
      m_locations(std::move(other.m_locations)) {
  other.m_locations.clear();
}

ShaderProgram& ShaderProgram::operator=(ShaderProgram&& other) noexcept {
  if (this != &other) {
    destroy();
    m_id = std::exchange(other.m_id, 0);
    m_log = std::move(other.m_log);
    m_vertName = std::move(other.m_vertName);
    m_fragName = std::move(other.m_fragName);
    m_locations = std::move(other.m_locations);
    other.m_locations.clear();
  }
  return *this;
}

void ShaderProgram::destroy() {
  if (m_id != 0) glDeleteProgram(m_id);
  m_id = 0;
  m_locations.clear();
}

ShaderProgram ShaderProgram::build(std::string_view vertSource, std::string_view vertOrigin,
                                   std::string_view fragSource, std::string_view fragOrigin) {
  ShaderProgram program;
  GLuint vert = compileStage(GL_VERTEX_SHADER, vertSource, vertOrigin, program.m_log);
  GLuint frag = compileStage(GL_FRAGMENT_SHADER, fragSource, fragOrigin, program.m_log);
  if (vert == 0 || frag == 0) {
    if (vert) glDeleteShader(vert);
    if (frag) glDeleteShader(frag);
    return program;
  }
  GLuint id = glCreateProgram();
  glAttachShader(id, vert);
  glAttachShader(id, frag);
  glLinkProgram(id);
  // The program keeps the compiled code; the shader objects can go now.
  glDetachShader(id, vert);
  glDetachShader(id, frag);
  glDeleteShader(vert);
  glDeleteShader(frag);
  GLint status = GL_FALSE;
  glGetProgramiv(id, GL_LINK_STATUS, &status);
  std::string info = programInfoLog(id);
  if (status != GL_TRUE) {
    if (!program.m_log.empty()) program.m_log += "\n";
    program.m_log += std::string(vertOrigin) + " + " + std::string(fragOrigin) + ": failed to link:\n" +
                     (info.empty() ? "(the driver gave no log)" : info);
    glDeleteProgram(id);
    return program;
  }
  if (!info.empty()) {
    if (!program.m_log.empty()) program.m_log += "\n";
    program.m_log += std::string(vertOrigin) + " + " + std::string(fragOrigin) + ": link warnings:\n" + info;
  }
  program.m_id = id;
  return program;
}

ShaderProgram ShaderProgram::fromSource(std::string_view vertSource, std::string_view fragSource,
                                        std::string_view vertName, std::string_view fragName) {
  return build(vertSource, vertName, fragSource, fragName);
}

ShaderProgram ShaderProgram::fromEmbedded(std::string_view vertName, std::string_view fragName) {
  ShaderText vert = loadShaderText(vertName);
  ShaderText frag = loadShaderText(fragName);
  ShaderProgram program;
  if (!vert.found || !frag.found) {
    std::string known;
    for (std::string_view n : embeddedShaderNames()) known += (known.empty() ? "" : ", ") + std::string(n);
    program.m_log = "unknown shader '" + std::string(!vert.found ? vertName : fragName) +
                    "'; the embedded shaders are: " + known +
                    " (add a file to shaders/ and re-run cmake to embed a new one)";
  } else {
    program = build(vert.text, vert.origin, frag.text, frag.origin);
  }
  program.m_vertName = std::string(vertName);
  program.m_fragName = std::string(fragName);
  return program;
}

bool ShaderProgram::reload() {
  if (m_vertName.empty() || m_fragName.empty()) return false;
  ShaderProgram fresh = fromEmbedded(m_vertName, m_fragName);
  if (!fresh.ok()) {
    m_log = fresh.m_log;  // keep the working program, show why the edit did not take
    return false;
  }
  *this = std::move(fresh);
  return true;
}

void ShaderProgram::use() const {
  if (m_id != 0) glUseProgram(m_id);
}

int ShaderProgram::uniformLocation(const char* uniform) const {
  if (m_id == 0) return -1;
  for (const auto& [name, location] : m_locations) {
    if (name == uniform) return location;
  }
  GLint location = glGetUniformLocation(m_id, uniform);
  m_locations.emplace_back(uniform, location);
  return location;
}

// Each setter asserts (in Debug) that this program is the one in use: glUniform* writes to the current program,
// and a setter silently landing on another program is a miserable bug to find.
void ShaderProgram::set(const char* uniform, float v) const {
  if (m_id == 0) return;
  assert(isCurrentProgram(m_id) && "call use() before set()");
  glUniform1f(uniformLocation(uniform), v);
}

void ShaderProgram::set(const char* uniform, int v) const {
  if (m_id == 0) return;
  assert(isCurrentProgram(m_id) && "call use() before set()");
  glUniform1i(uniformLocation(uniform), v);
}

void ShaderProgram::set(const char* uniform, const Vec2& v) const {
  if (m_id == 0) return;
  assert(isCurrentProgram(m_id) && "call use() before set()");
  glUniform2f(uniformLocation(uniform), v.x, v.y);
}

void ShaderProgram::set(const char* uniform, const Vec3& v) const {
  if (m_id == 0) return;
  assert(isCurrentProgram(m_id) && "call use() before set()");
  glUniform3f(uniformLocation(uniform), v.x, v.y, v.z);
}

void ShaderProgram::set(const char* uniform, const Vec4& v) const {
  if (m_id == 0) return;
  assert(isCurrentProgram(m_id) && "call use() before set()");
  glUniform4f(uniformLocation(uniform), v.x, v.y, v.z, v.w);
}

void ShaderProgram::set(const char* uniform, const Mat4& m) const {
  if (m_id == 0) return;
  assert(isCurrentProgram(m_id) && "call use() before set()");
  glUniformMatrix4fv(uniformLocation(uniform), 1, GL_FALSE, m.m);
}

void ShaderProgram::setArray(const char* uniform, const float* values, int count) const {
  if (m_id == 0 || count <= 0) return;
  assert(isCurrentProgram(m_id) && "call use() before set()");
  glUniform1fv(uniformLocation(uniform), count, values);
}

void ShaderProgram::setVec4Array(const char* uniform, const float* xyzw, int count) const {
  if (m_id == 0 || count <= 0) return;
  assert(isCurrentProgram(m_id) && "call use() before set()");
  glUniform4fv(uniformLocation(uniform), count, xyzw);
}

}  // namespace nr::gfx
