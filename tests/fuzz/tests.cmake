# Fuzz targets (STYLE 10). Included from tests/CMakeLists.txt.
#
# Always: one replay executable per target (fuzz_<name>.c + replay_main.c,
# built with the normal compiler and flags, so the ASan build replays
# sanitized) and a ctest test fuzz_replay_<name> that runs every file of
# tests/fuzz/corpus/<name>. A target whose source is not there yet is left
# out.
#
# With -DPT_FUZZ=ON and clang: the real libFuzzer executables fuzz_<name>,
# linked to a copy of the library built with coverage instrumentation
# (-fsanitize=fuzzer-no-link) and ASan + UBSan. tests/fuzz/run builds them
# into build-fuzz/ and runs them.

set(PT_FUZZ_DIR ${CMAKE_CURRENT_SOURCE_DIR}/fuzz)
set(PT_FUZZ_NAMES yaml plan registry status calendar deadline csv draft)

foreach(name ${PT_FUZZ_NAMES})
  set(src ${PT_FUZZ_DIR}/fuzz_${name}.c)
  if(NOT EXISTS ${src} OR NOT EXISTS ${PT_FUZZ_DIR}/replay_main.c)
    continue()
  endif()
  # Another area may have built the same replay executable already
  # (tests/draft/tests.cmake does): use it.
  if(NOT TARGET fuzz_replay_${name})
    add_executable(fuzz_replay_${name} ${src} ${PT_FUZZ_DIR}/replay_main.c)
    target_compile_options(fuzz_replay_${name} PRIVATE ${PT_WARNINGS})
    target_compile_definitions(fuzz_replay_${name} PRIVATE _XOPEN_SOURCE=700
      PT_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
    target_link_libraries(fuzz_replay_${name} PRIVATE plantrack)
  endif()
  if(EXISTS ${PT_FUZZ_DIR}/corpus/${name} AND NOT TEST fuzz_replay_${name})
    add_test(NAME fuzz_replay_${name}
             COMMAND fuzz_replay_${name} ${PT_FUZZ_DIR}/corpus/${name}
             WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
    set_tests_properties(fuzz_replay_${name} PROPERTIES LABELS fuzz TIMEOUT 600)
  endif()
endforeach()

if(PT_FUZZ)
  if(NOT CMAKE_C_COMPILER_ID MATCHES "Clang")
    message(WARNING "PT_FUZZ needs clang (configure with CC=clang); "
                    "only the corpus replays are built")
  else()
    set(PT_FUZZ_FLAGS -fsanitize=address,undefined -fno-sanitize-recover=all
        -fno-omit-frame-pointer -g)
    # clang warns about things gcc does not: a new clang warning in lib/ must
    # not stop the fuzzers from building (the gcc build keeps -Werror).
    set(PT_FUZZ_WARNINGS ${PT_WARNINGS})
    list(REMOVE_ITEM PT_FUZZ_WARNINGS -Werror)
    # The library again, instrumented for coverage-guided fuzzing.
    set(pt_fuzz_lib_sources)
    foreach(s ${PT_LIB_SOURCES})
      list(APPEND pt_fuzz_lib_sources ${CMAKE_SOURCE_DIR}/${s})
    endforeach()
    add_library(plantrack_fuzz STATIC ${pt_fuzz_lib_sources}
                ${CMAKE_BINARY_DIR}/pt_builtin_calendar.c)
    target_include_directories(plantrack_fuzz PUBLIC ${CMAKE_SOURCE_DIR}/lib)
    target_compile_definitions(plantrack_fuzz PRIVATE PT_VERSION="${PROJECT_VERSION}"
      _XOPEN_SOURCE=700)
    target_compile_options(plantrack_fuzz PRIVATE ${PT_FUZZ_WARNINGS} ${PT_FUZZ_FLAGS}
      -fsanitize=fuzzer-no-link)
    target_link_libraries(plantrack_fuzz PUBLIC PkgConfig::YAML PkgConfig::PCRE2
      PkgConfig::XLSX PkgConfig::UTF8PROC)
    foreach(name ${PT_FUZZ_NAMES})
      set(src ${PT_FUZZ_DIR}/fuzz_${name}.c)
      if(NOT EXISTS ${src} OR TARGET fuzz_${name})
        continue()
      endif()
      add_executable(fuzz_${name} ${src})
      target_compile_options(fuzz_${name} PRIVATE ${PT_FUZZ_WARNINGS} ${PT_FUZZ_FLAGS}
        -fsanitize=fuzzer)
      target_compile_definitions(fuzz_${name} PRIVATE _XOPEN_SOURCE=700
        PT_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
      target_link_options(fuzz_${name} PRIVATE -fsanitize=fuzzer,address,undefined)
      target_link_libraries(fuzz_${name} PRIVATE plantrack_fuzz)
    endforeach()
  endif()
endif()
