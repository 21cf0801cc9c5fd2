# own_test(NAME SOURCES a.c [b.c] [LIBS lib...] [LABELS label...] [ARGS arg...])
# Builds one test program and registers it with CTest. Labels choose the extra builds a test
# also runs in: `sanitize` (AddressSanitizer + UBSan build) and `tsan` (ThreadSanitizer build).
function(own_test name)
  cmake_parse_arguments(T "" "" "SOURCES;LIBS;LABELS;ARGS" ${ARGN})
  add_executable(${name} ${T_SOURCES})
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/tests/support)
  target_link_libraries(${name} PRIVATE ${T_LIBS})
  add_test(NAME ${name} COMMAND ${name} ${T_ARGS})
  set_tests_properties(${name} PROPERTIES LABELS "${T_LABELS}" TIMEOUT 300)
endfunction()
