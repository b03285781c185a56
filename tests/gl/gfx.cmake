# Owned by the gfx layer: gfx_tests, GoogleTest with a real GL 3.3 core context (hidden GLFW window) under
# Xvfb + Mesa llvmpipe. Its own main() creates the context once and fails loudly if there is no display.
add_executable(gfx_tests ${CMAKE_CURRENT_LIST_DIR}/gfx_test.cpp)
target_link_libraries(gfx_tests PRIVATE nr_gfx glfw GTest::gtest)
target_include_directories(gfx_tests PRIVATE ${CMAKE_CURRENT_LIST_DIR}/..)  # support/
target_compile_definitions(gfx_tests PRIVATE GLFW_INCLUDE_NONE)
nr_warnings(gfx_tests)
# xvfb-run returns the program's exit status, so a failing test fails ctest.
add_test(NAME gfx_tests COMMAND xvfb-run -a -s "-screen 0 1280x720x24" $<TARGET_FILE:gfx_tests>)
set_tests_properties(gfx_tests PROPERTIES LABELS gl TIMEOUT 120)
