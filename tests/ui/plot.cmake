# The plot widget: pure helpers (ticks, binning, transforms) and a headless ImGui smoke test (no renderer).
add_executable(plot_tests ${CMAKE_CURRENT_SOURCE_DIR}/ui/plot_test.cpp)
target_link_libraries(plot_tests PRIVATE nr_plot GTest::gtest_main)
target_include_directories(plot_tests PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})  # support/
nr_warnings(plot_tests)
gtest_discover_tests(plot_tests PROPERTIES LABELS ui DISCOVERY_TIMEOUT 60)
