# Included by tests/bench/CMakeLists.txt when the views are built.
add_executable(bench_timeline timeline_bench.cpp)
target_link_libraries(bench_timeline PRIVATE tracescope_views Qt6::Test)
target_compile_options(bench_timeline PRIVATE ${TRACESCOPE_WARNINGS})

# Memory view first frame (issue 5), run by tests/bench/snapshot_bench.py.
add_executable(bench_memory memory_bench.cpp)
target_link_libraries(bench_memory PRIVATE tracescope_views Qt6::Test)
target_compile_options(bench_memory PRIVATE ${TRACESCOPE_WARNINGS})

# The longest GUI-thread stall over a scripted session (issue 14): see guistall_bench.cpp.
add_executable(bench_guistall guistall_bench.cpp)
target_link_libraries(bench_guistall PRIVATE tracescope_views Qt6::Test)
target_compile_options(bench_guistall PRIVATE ${TRACESCOPE_WARNINGS})
