# JSON Schema checks of the templates and the shipped plan data (SPEC 7).
# Included from the top-level CMakeLists.txt; needs /usr/bin/python3 with
# Debian's python3-yaml and python3-jsonschema.
add_test(NAME schema_valid
         COMMAND /usr/bin/python3 ${CMAKE_SOURCE_DIR}/tests/schema/validate.py ${CMAKE_SOURCE_DIR})
add_test(NAME schema_rejects_bad
         COMMAND /usr/bin/python3 ${CMAKE_SOURCE_DIR}/tests/schema/validate.py --expect-fail ${CMAKE_SOURCE_DIR}/tests/schema/bad-plan.yaml plan)
