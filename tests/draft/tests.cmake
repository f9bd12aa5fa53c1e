# `plantrack draft` (lib/pt_draft.c). Included from tests/CMakeLists.txt.
#   draft_seeds        each seed drafted with its registry into a temporary
#                      directory: valid YAML that compiles, with the header facts,
#                      basis and deadlines, and the share of tasks matching the
#                      hand-encoded plan by id and lead asserted exactly
#                      (compare.py; skipped when ../shared/seeds is absent)
#   draft_cli          errors, the no-registry draft, -o, guessed and unknown
#                      agencies, YAML quoting (cli_check.py)
#   draft_fuzz_replay  the libFuzzer target fuzz_draft.c replayed on
#                      tests/fuzz/corpus/draft with replay_main.c
add_test(NAME draft_seeds
         COMMAND ${PT_PY} ${CMAKE_CURRENT_SOURCE_DIR}/draft/compare.py ${PT_CLI} ${CMAKE_SOURCE_DIR})
set_tests_properties(draft_seeds PROPERTIES LABELS draft TIMEOUT 600 SKIP_RETURN_CODE 77)

add_test(NAME draft_cli
         COMMAND ${PT_PY} ${CMAKE_CURRENT_SOURCE_DIR}/draft/cli_check.py ${PT_CLI} ${CMAKE_SOURCE_DIR})
set_tests_properties(draft_cli PROPERTIES LABELS draft TIMEOUT 600)

# The replay executable is named as tests/fuzz/tests.cmake would name it, so
# that file sees it exists and does not build or register it a second time.
if(EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/fuzz_draft.c AND
   EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/replay_main.c AND NOT TARGET fuzz_replay_draft)
  add_executable(fuzz_replay_draft ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/fuzz_draft.c
                 ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/replay_main.c)
  target_compile_options(fuzz_replay_draft PRIVATE ${PT_WARNINGS})
  target_compile_definitions(fuzz_replay_draft PRIVATE _XOPEN_SOURCE=700
    PT_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
  target_link_libraries(fuzz_replay_draft PRIVATE plantrack)
  add_test(NAME draft_fuzz_replay
           COMMAND fuzz_replay_draft ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/corpus/draft
           WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  set_tests_properties(draft_fuzz_replay PROPERTIES LABELS "draft;fuzz" TIMEOUT 600)
endif()
