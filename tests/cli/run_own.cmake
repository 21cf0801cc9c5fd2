# run_own.cmake: what the tests of tests/cli share — running `own` and recording failed checks.
# A script includes it, calls own_run() and own_expect*() any number of times, then own_done(),
# which fails the test (with every failed check listed) if any check failed.

cmake_minimum_required(VERSION 3.20) # script mode: today's policies (quoted if() arguments)
set(own_failures "")

# own_run(ARG...): runs ${OWN} ARG... and sets own_rc, own_out and own_err in the caller.
function(own_run)
  set(dir "${WORK_DIR}")
  if(DEFINED OWN_RUN_DIR)
    set(dir "${OWN_RUN_DIR}")
  endif()
  execute_process(COMMAND ${OWN} ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out
                  ERROR_VARIABLE err WORKING_DIRECTORY "${dir}")
  set(own_rc "${rc}" PARENT_SCOPE)
  set(own_out "${out}" PARENT_SCOPE)
  set(own_err "${err}" PARENT_SCOPE)
  string(JOIN " " cmd own ${ARGN})
  set(own_cmd "${cmd}" PARENT_SCOPE)
endfunction()

function(own_fail message)
  set(own_failures "${own_failures}  ${message}\n" PARENT_SCOPE)
endfunction()

# own_expect_rc(N): the last own_run() exited with N.
macro(own_expect_rc expected)
  if(NOT "${own_rc}" STREQUAL "${expected}")
    own_fail("'${own_cmd}' exited with ${own_rc}, expected ${expected}; stderr: ${own_err}")
  endif()
endmacro()

# own_expect_has(VAR TEXT): the variable VAR (own_out or own_err) contains TEXT, literally.
macro(own_expect_has var text)
  string(FIND "${${var}}" "${text}" own_at)
  if(own_at EQUAL -1)
    own_fail("'${own_cmd}': ${var} lacks \"${text}\"")
  endif()
endmacro()

# own_expect_lacks(VAR TEXT): the variable VAR does not contain TEXT.
macro(own_expect_lacks var text)
  string(FIND "${${var}}" "${text}" own_at)
  if(NOT own_at EQUAL -1)
    own_fail("'${own_cmd}': ${var} has \"${text}\" but should not")
  endif()
endmacro()

macro(own_done)
  if(own_failures)
    message(FATAL_ERROR "failed checks:\n${own_failures}")
  endif()
  message(STATUS "all checks passed")
endmacro()

# own_design_kinds(OUT_KINDS OUT_SUMMARIES OUT_NEAREST): the kinds of DESIGN.md's table (and the
# other two columns, `|`-free, in the same order), or the kinds listed here when DESIGN.md is not
# beside the project (a copy of the source tree on its own).
function(own_design_kinds out_kinds out_summaries out_nearest)
  set(kinds "")
  set(summaries "")
  set(nearest "")
  if(EXISTS "${DESIGN}")
    # ENCODING UTF-8: without it file(STRINGS) cuts a line at its first byte above 0x7f (→).
    file(STRINGS "${DESIGN}" rows ENCODING UTF-8 REGEX "^\\| [a-z][a-z-]* \\| ")
    foreach(row IN LISTS rows)
      # Split at ' | ' by hand rather than by one regex, which would need [^|]* for the text.
      if(NOT row MATCHES "^\\| ([a-z][a-z-]*) \\| " OR CMAKE_MATCH_1 STREQUAL "kind")
        continue()
      endif()
      set(kind "${CMAKE_MATCH_1}")
      string(LENGTH "${CMAKE_MATCH_0}" skip)
      string(SUBSTRING "${row}" ${skip} -1 rest)
      string(FIND "${rest}" " | " bar)
      if(bar EQUAL -1)
        continue()
      endif()
      string(SUBSTRING "${rest}" 0 ${bar} summary)
      math(EXPR bar "${bar} + 3")
      string(SUBSTRING "${rest}" ${bar} -1 near)
      string(REGEX REPLACE " *\\| *$" "" near "${near}")
      list(APPEND kinds "${kind}")
      list(APPEND summaries "${summary}")
      list(APPEND nearest "${near}")
    endforeach()
    list(LENGTH kinds n)
    if(n LESS 16)
      message(FATAL_ERROR "found ${n} kinds in ${DESIGN}'s table, expected its 16 or more")
    endif()
  else()
    message(STATUS "no ${DESIGN}: checking the kinds listed in the test")
    set(kinds use-after-free double-free leak use-after-move free-non-heap free-interior
      mismatched-free dangling-stack borrow-conflict write-through-shared drop-while-borrowed
      borrow-outlives-owner heap-overflow stack-resize stack-overflow invalid-handle)
  endif()
  set(${out_kinds} "${kinds}" PARENT_SCOPE)
  set(${out_summaries} "${summaries}" PARENT_SCOPE)
  set(${out_nearest} "${nearest}" PARENT_SCOPE)
endfunction()
