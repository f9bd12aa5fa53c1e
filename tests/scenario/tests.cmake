# The check scenario (README.md here holds the hand computation): three plans
# over two registries that share an agency id, YAML and CSV registers, two
# as-of dates. The C-level tests of the same files are tests/unit/check.cmake.
set(PT_SCN ${CMAKE_SOURCE_DIR}/tests/scenario)
set(PT_SCN_ARGS check bac-ha-2021-ke-hoach.yaml bac-ha-2021-bao-cao.yaml nam-son-2021-thang.yaml
    --status status --status bo-sung.yaml)
add_test(NAME scenario_json_2021_06_15
         COMMAND ${PT_PY} ${PT_SCN}/run.py ${PT_CLI} expected/check-2021-06-15.json 0
                 ${PT_SCN_ARGS} --as-of 2021-06-15 --format json --fail-on never)
add_test(NAME scenario_json_2021_12_16
         COMMAND ${PT_PY} ${PT_SCN}/run.py ${PT_CLI} expected/check-2021-12-16.json 0
                 ${PT_SCN_ARGS} --as-of 2021-12-16 --format json --fail-on never)
# text, Vietnamese, and the default --fail-on overdue: exit 1
add_test(NAME scenario_text_2021_06_15
         COMMAND ${PT_PY} ${PT_SCN}/run.py ${PT_CLI} expected/check-2021-06-15.txt 1
                 ${PT_SCN_ARGS} --as-of 2021-06-15)
add_test(NAME scenario_csv_readback COMMAND ${PT_PY} ${PT_SCN}/check_csv.py ${PT_CLI})
