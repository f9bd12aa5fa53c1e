# Benchmarks (issue 10). Timings are taken by tests/bench/run, never by ctest.
#
# plantrack-bench-floor: the floor the run compares check with (a bare libyaml
# event loop over the YAML files and a bare CSV field scan over the CSV files).
# Built with the tests, run only by tests/bench/run.
add_executable(plantrack-bench-floor ${CMAKE_CURRENT_LIST_DIR}/floor.c)
target_compile_options(plantrack-bench-floor PRIVATE ${PT_WARNINGS})
target_compile_definitions(plantrack-bench-floor PRIVATE _XOPEN_SOURCE=700)
target_link_libraries(plantrack-bench-floor PRIVATE PkgConfig::YAML)

# bench_smoke_S: generates the size-S workload (2,000 agencies, about 10,000
# obligations) into the build directory and checks every obligation's status,
# days late/overdue, last on-time day and counted submission in the output of
# `check --format json` against the generator's independent computation.
add_test(NAME bench_smoke_S
  COMMAND ${PT_PY} ${CMAKE_CURRENT_LIST_DIR}/verify.py --cli ${PT_CLI} --size S
          --work ${CMAKE_BINARY_DIR}/bench-smoke/S)
set_tests_properties(bench_smoke_S PROPERTIES LABELS "bench" TIMEOUT 600)
