# tests/render: the workbooks of `plantrack render` (SPEC 6).
#
# check_workbook.py renders into ${PT_RENDER_WORK}/<case> and reads every sheet back with
# openpyxl (Debian's python3-openpyxl, hence /usr/bin/python3):
#   render_scenario_vi/en  the hand-computed scenario of render/scenario (expected.py)
#   render_seed            plans/hanoi-2020-thang-hanh-dong.yaml as of 2020-07-20, against
#                          `check --format json`
#   render_reproducible    two renders are byte-identical (cmp)
#   render_readonly        a read-only --out: exit 2 and nothing left behind
#   render_libreoffice     soffice converts to csv and pdf (skipped without soffice)
#   render_split           Chi tiết goes on in "Chi tiết (2)" past the row limit
#   render_scale           100,000 obligations of 2,000 agencies render completely (the
#                          speed and memory targets are tests/bench/run's, not a test's)
set(PT_RENDER_CHECK ${CMAKE_CURRENT_SOURCE_DIR}/render/check_workbook.py)
set(PT_RENDER_WORK ${CMAKE_CURRENT_BINARY_DIR}/render)

foreach(case scenario-vi scenario-en seed reproducible readonly libreoffice)
  string(REPLACE "-" "_" name ${case})
  add_test(NAME render_${name}
           COMMAND ${PT_PY} ${PT_RENDER_CHECK} ${case} ${PT_CLI} ${CMAKE_SOURCE_DIR} ${PT_RENDER_WORK})
  set_tests_properties(render_${name} PROPERTIES SKIP_RETURN_CODE 77)
endforeach()
set_tests_properties(render_libreoffice PROPERTIES TIMEOUT 300)

# pt_render.c alone over a synthetic check: fake_check.c implements the accessors of
# pt_check.h (and the few of pt_plan.h, pt_status.h, pt_deadline.h) that the renderer calls,
# so the executable is built from sources, without libplantrack.
add_executable(render_fake
  render/fake_check.c
  ${CMAKE_SOURCE_DIR}/lib/pt_render.c
  ${CMAKE_SOURCE_DIR}/lib/pt_date.c
  ${CMAKE_SOURCE_DIR}/lib/pt_diag.c
  ${CMAKE_SOURCE_DIR}/lib/pt_util.c
  ${CMAKE_SOURCE_DIR}/lib/pt_text.c)
target_include_directories(render_fake PRIVATE ${CMAKE_SOURCE_DIR}/lib)
target_compile_options(render_fake PRIVATE ${PT_WARNINGS})
target_compile_definitions(render_fake PRIVATE _POSIX_C_SOURCE=200809L)
target_link_libraries(render_fake PRIVATE PkgConfig::XLSX PkgConfig::UTF8PROC)

add_test(NAME render_split
         COMMAND ${PT_PY} ${PT_RENDER_CHECK} split ${PT_CLI} ${CMAKE_SOURCE_DIR} ${PT_RENDER_WORK}
                 $<TARGET_FILE:render_fake>)

# Scale as correctness, not timing: 100,000 obligations of 2,000 agencies
# through the two-process, constant-memory path. The speed and memory targets
# (1,000,000 obligations in < 60 s and < 1 GiB) are measured by
# tests/bench/run, never by a timed test; render_fake still takes
# --limit-cpu-seconds/--limit-mib for running that check by hand.
set(PT_RENDER_SCALE "200 50 10")
add_test(NAME render_scale
         COMMAND sh -c "rm -rf \"$1\" && \"$0\" \"$1\" ${PT_RENDER_SCALE} && rm -rf \"$1\""
                 $<TARGET_FILE:render_fake> ${PT_RENDER_WORK}/scale)
set_tests_properties(render_scale PROPERTIES TIMEOUT 900 LABELS bench)
