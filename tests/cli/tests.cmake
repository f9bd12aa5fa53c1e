# Command-line behaviour that is not a bad input: help, version, outputs.
add_test(NAME cli_help COMMAND ${PT_PY} ${CMAKE_CURRENT_SOURCE_DIR}/cli/help_test.py ${PT_CLI})
add_test(NAME cli_golden COMMAND ${PT_PY} ${CMAKE_CURRENT_SOURCE_DIR}/cli/golden_test.py ${PT_CLI}
         WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
add_test(NAME readme_catalogue COMMAND ${PT_PY} ${CMAKE_SOURCE_DIR}/scripts/catalogue --check)
