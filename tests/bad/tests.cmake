# The bad-input corpus and the message catalogue (tests/bad/). Included from
# tests/CMakeLists.txt.
#   bad_inputs     every case directory: exit 2, nothing on stdout, exactly
#                  the expected stderr, the case directory left unchanged
#   bad_catalogue  every code of lib/msg/*.def has a case (or is listed as
#                  impossible from the command line, with the reason)
add_test(NAME bad_inputs
         COMMAND ${PT_PY} ${CMAKE_CURRENT_SOURCE_DIR}/bad/run.py ${PT_CLI})
set_tests_properties(bad_inputs PROPERTIES LABELS bad TIMEOUT 900)
add_test(NAME bad_catalogue
         COMMAND ${PT_PY} ${CMAKE_CURRENT_SOURCE_DIR}/bad/catalogue.py ${CMAKE_SOURCE_DIR})
set_tests_properties(bad_catalogue PROPERTIES LABELS bad)

# Memory checks under valgrind (label `valgrind`) live in tests/valgrind/;
# tests/CMakeLists.txt does not include that directory, so it is included
# from here.
include(${CMAKE_CURRENT_SOURCE_DIR}/valgrind/tests.cmake OPTIONAL)
