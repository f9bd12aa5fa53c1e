# tests/deadline: the deadline language and the holiday calendar.
pt_unit(deadline_golden deadline/golden_main.c)
pt_unit(deadline_props deadline/props_main.c)
pt_unit(deadline_unit deadline/unit_main.c)

# An executable built like pt_unit's, registered by hand with arguments.
function(pt_deadline_exe name)
  add_executable(${name} ${ARGN})
  target_compile_options(${name} PRIVATE ${PT_WARNINGS})
  target_compile_definitions(${name} PRIVATE _POSIX_C_SOURCE=200809L
    PT_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
  target_link_libraries(${name} PRIVATE plantrack)
endfunction()

# The libFuzzer target's seed corpus, replayed with a plain main() so that it
# runs under ASan/UBSan in every build without libFuzzer.
pt_deadline_exe(deadline_fuzz_replay fuzz/fuzz_deadline.c fuzz/replay_main.c)
add_test(NAME deadline_fuzz_replay
  COMMAND deadline_fuzz_replay tests/fuzz/corpus/deadline
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})

# Phrases parsed per second (build/tests/deadline_bench [ROUNDS]); ctest runs
# it with a tiny count only to check that it works.
pt_deadline_exe(deadline_bench bench/bench_deadline.c)
add_test(NAME deadline_bench COMMAND deadline_bench 1 WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})

# The real libFuzzer target fuzz_deadline is built by tests/fuzz/tests.cmake
# with -DPT_FUZZ=ON and clang:
#   build-fuzz/tests/fuzz_deadline -dict=tests/fuzz/deadline.dict tests/fuzz/corpus/deadline
