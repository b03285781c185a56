# Owned by the plot widget: defines nr_plot.
add_library(nr_plot STATIC ${CMAKE_CURRENT_LIST_DIR}/plot.cpp ${CMAKE_CURRENT_LIST_DIR}/disc_sprites.cpp
                           ${CMAKE_CURRENT_LIST_DIR}/text_wrap.cpp)
target_include_directories(nr_plot PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(nr_plot PUBLIC PkgConfig::IMGUI)
nr_warnings(nr_plot)
