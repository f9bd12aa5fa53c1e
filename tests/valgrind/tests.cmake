# Memory checks: representative invocations of the program under valgrind
# (memcheck: invalid reads and writes, uninitialised values, definite and
# indirect leaks), label `valgrind`. Included from tests/bad/tests.cmake.
#
# Only in the plain build: under PT_SANITIZE the program carries ASan, which
# does not run under valgrind (and checks the same things itself).
# Run them with:  ctest -L valgrind

if(PT_SANITIZE)
  message(STATUS "valgrind tests: skipped (PT_SANITIZE build)")
  return()
endif()
find_program(PT_VALGRIND valgrind)
if(NOT PT_VALGRIND)
  message(STATUS "valgrind tests: skipped (valgrind not found)")
  return()
endif()

# pcre2-jit.supp: PCRE2's JIT-generated code reads match data valgrind
# thinks uninitialised; the suppression covers code in no object file only.
set(PT_VG ${PT_VALGRIND} -q --error-exitcode=99 --leak-check=full
    --errors-for-leak-kinds=definite,indirect
    --suppressions=${CMAKE_CURRENT_SOURCE_DIR}/valgrind/pcre2-jit.supp)
set(PT_VG_OUT ${CMAKE_CURRENT_BINARY_DIR}/valgrind-out)
file(MAKE_DIRECTORY ${PT_VG_OUT})

# pt_vg(NAME ARGS...): plantrack ARGS under valgrind, from the source tree;
# must exit 0 with no valgrind error.
function(pt_vg name)
  add_test(NAME valgrind_${name} COMMAND ${PT_VG} ${PT_CLI} ${ARGN}
           WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  set_tests_properties(valgrind_${name} PROPERTIES LABELS valgrind TIMEOUT 900)
endfunction()

set(vg_hn plans/hanoi-2020-thang-hanh-dong.yaml)
set(vg_hn_st plans/status/hanoi-2020-thang-hanh-dong)
set(vg_hp plans/haiphong-2021-03.yaml)
set(vg_hp_st plans/status/haiphong-2021-03)
set(vg_th plans/thanhhoa-2017-3410.yaml)
set(vg_th_st plans/status/thanhhoa-2017-3410)

pt_vg(compile_text compile ${vg_hn} ${vg_hp} ${vg_th} plans/hanoi-2017-1554.yaml
      plans/giaothuy-2019-566.yaml --as-of 2021-12-31)
pt_vg(compile_json compile ${vg_hp} ${vg_th} --format json --as-of 2021-12-31
      -o ${PT_VG_OUT}/compile.json)
pt_vg(check_text check ${vg_hn} --status ${vg_hn_st} --as-of 2020-07-20 --fail-on never)
pt_vg(check_json check ${vg_hp} --status ${vg_hp_st} --as-of 2021-12-31 --format json
      --fail-on never)
pt_vg(check_csv check ${vg_th} --status ${vg_th_st} --as-of 2018-01-31 --format csv
      --fail-on never --lang en)
pt_vg(explain explain ${vg_hn} --task IV.2 --as-of 2020-07-20)
pt_vg(explain_recurring explain ${vg_hp} --task IV.12.3 --as-of 2021-12-31 --lang en)
pt_vg(calendar calendar ${vg_hp} --status ${vg_hp_st} --as-of 2021-12-31)
pt_vg(render render ${vg_hn} --status ${vg_hn_st} --as-of 2020-07-20
      --out ${PT_VG_OUT}/render)
set(vg_seed ${CMAKE_SOURCE_DIR}/../shared/seeds/001_72bc782a1ebc1410.txt)
if(EXISTS ${vg_seed})
  pt_vg(draft draft ${vg_seed} --registry plans/registries/haiphong.yaml)
endif()
pt_vg(help help check)

# A dozen bad inputs (tests/bad/<case>), each under valgrind through run.py:
# the program must fail cleanly, freeing what it loaded.
add_test(NAME valgrind_bad_inputs
         COMMAND ${PT_PY} ${CMAKE_CURRENT_SOURCE_DIR}/bad/run.py --valgrind ${PT_CLI}
                 three-files yaml-syntax alias-bomb deep-flow invalid-utf8 unknown-keys
                 group-cycle registry-duplicate-id lead-unknown-agency deadline-unknown
                 csv-unclosed-quote csv-windows-1258 submission-unresolved calendar-errors
                 option-unknown registry-dotdot)
set_tests_properties(valgrind_bad_inputs PROPERTIES LABELS valgrind TIMEOUT 1800)
