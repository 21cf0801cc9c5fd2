# install_step.cmake: one step of the install tests, chosen by -DSTEP=:
#   tree          cmake --install BUILD_DIR --prefix PREFIX (into an emptied PREFIX)
#   files         every file DESIGN.md promises is in PREFIX
#   pkgconfig     use_own.c built with `cc use_own.c $(pkg-config --cflags --libs own)`, then run
#   find_package  consumer/ configured with CMAKE_PREFIX_PATH=PREFIX, built, both programs run
#   explain       PREFIX/bin/own explain double-free
# Every check is made and all failures are listed together at the end.
cmake_minimum_required(VERSION 3.20)
set(failures "")
macro(fail message)
  string(APPEND failures "  ${message}\n")
endmacro()

# What use_own.c prints when the installed library is the checked one and works.
set(use_own_expected "owned: soup\nheap: 32 bytes\nreported: double-free (1)\n")

# run(NAME COMMAND...): runs the command in WORK_DIR and fails the step if its status is not 0.
function(run name)
  execute_process(COMMAND ${ARGN} WORKING_DIRECTORY ${WORK_DIR} RESULT_VARIABLE rc
                  OUTPUT_VARIABLE out ERROR_VARIABLE err)
  set(run_out "${out}" PARENT_SCOPE)
  set(run_err "${err}" PARENT_SCOPE)
  if(NOT rc STREQUAL "0")
    string(JOIN " " cmd ${ARGN})
    message(FATAL_ERROR "${failures}  ${name} failed (${rc}): ${cmd}\n--- stdout\n${out}\n"
                        "--- stderr\n${err}")
  endif()
endfunction()

# expect_use_own(PROGRAM): runs a build of use_own.c and compares its output.
macro(expect_use_own program)
  run("${program}" ${program})
  if(NOT run_out STREQUAL use_own_expected)
    fail("${program} printed\n${run_out}\n  instead of\n${use_own_expected}  stderr: ${run_err}")
  endif()
endmacro()

file(MAKE_DIRECTORY ${WORK_DIR})

if(STEP STREQUAL "tree")
  file(REMOVE_RECURSE ${PREFIX})
  set(config_args "")
  if(CONFIG)
    set(config_args --config ${CONFIG})
  endif()
  run("cmake --install" ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${PREFIX} ${config_args})

elseif(STEP STREQUAL "files")
  set(expected bin/own lib/libown.a lib/libown.so lib/libown-malloc.so lib/pkgconfig/own.pc
      lib/cmake/own/ownConfig.cmake lib/cmake/own/ownConfigVersion.cmake
      lib/cmake/own/ownTargets.cmake)
  file(GLOB headers RELATIVE ${HEADERS_DIR} ${HEADERS_DIR}/*.h)
  if(NOT headers)
    fail("no headers found in ${HEADERS_DIR}")
  endif()
  foreach(h ${headers})
    list(APPEND expected include/own/${h})
  endforeach()
  foreach(f ${expected})
    if(NOT EXISTS ${PREFIX}/${f})
      fail("${PREFIX}/${f} was not installed")
    endif()
  endforeach()
  if(EXISTS ${PREFIX}/bin/own AND NOT IS_DIRECTORY ${PREFIX}/bin/own)
    execute_process(COMMAND test -x ${PREFIX}/bin/own RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
      fail("${PREFIX}/bin/own is not executable")
    endif()
  endif()

elseif(STEP STREQUAL "pkgconfig")
  # Only the scratch prefix is searched, so an own installed elsewhere cannot stand in for it.
  set(pc ${CMAKE_COMMAND} -E env PKG_CONFIG_PATH=${PREFIX}/lib/pkgconfig
      PKG_CONFIG_LIBDIR=${PREFIX}/lib/pkgconfig ${PKG_CONFIG})
  run("pkg-config --cflags --libs own" ${pc} --cflags --libs own)
  string(STRIP "${run_out}" flags)
  separate_arguments(flags UNIX_COMMAND "${flags}")
  run("pkg-config --variable=libdir own" ${pc} --variable=libdir own)
  string(STRIP "${run_out}" libdir)
  run("pkg-config --variable=includedir own" ${pc} --variable=includedir own)
  string(STRIP "${run_out}" includedir)
  # own.pc must describe where it was installed, not where the build was configured to go.
  file(REAL_PATH "${libdir}" libdir_real)
  file(REAL_PATH "${includedir}" includedir_real)
  file(REAL_PATH "${PREFIX}" prefix_real)
  if(NOT libdir_real STREQUAL "${prefix_real}/lib")
    fail("own.pc names libdir ${libdir}, not ${PREFIX}/lib")
  endif()
  if(NOT includedir_real STREQUAL "${prefix_real}/include")
    fail("own.pc names includedir ${includedir}, not ${PREFIX}/include")
  endif()
  set(program ${WORK_DIR}/use_own_pkgconfig)
  file(REMOVE ${program})
  run("cc use_own.c $(pkg-config --cflags --libs own)"
      ${CC} -o ${program} ${SOURCE_DIR}/use_own.c ${flags} -Wl,-rpath,${libdir})
  expect_use_own(${program})

elseif(STEP STREQUAL "find_package")
  set(build ${WORK_DIR}/consumer)
  file(REMOVE_RECURSE ${build})
  run("configuring a project with find_package(own)"
      ${CMAKE_COMMAND} -S ${SOURCE_DIR}/consumer -B ${build} -DCMAKE_C_COMPILER=${CC}
      -DCMAKE_PREFIX_PATH=${PREFIX} -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF
      -DUSE_OWN_SOURCE=${SOURCE_DIR}/use_own.c)
  file(STRINGS ${build}/CMakeCache.txt own_dir REGEX "^own_DIR:")
  string(REGEX REPLACE "^own_DIR:[A-Z]+=" "" own_dir "${own_dir}")
  file(REAL_PATH "${own_dir}" own_dir_real)
  file(REAL_PATH "${PREFIX}/lib/cmake/own" expected_dir)
  if(NOT own_dir_real STREQUAL expected_dir)
    fail("find_package(own) found ${own_dir}, not ${PREFIX}/lib/cmake/own")
  endif()
  run("building against own::own and own::own_static" ${CMAKE_COMMAND} --build ${build})
  expect_use_own(${build}/use_own_shared)
  expect_use_own(${build}/use_own_static)

elseif(STEP STREQUAL "explain")
  run("own explain double-free" ${PREFIX}/bin/own explain double-free)
  string(FIND "${run_out}" "double-free" at)
  string(FIND "${run_out}" "freed twice" at_text)
  if(at EQUAL -1 OR at_text EQUAL -1)
    fail("installed `own explain double-free` printed:\n${run_out}")
  endif()

else()
  message(FATAL_ERROR "install_step.cmake: unknown STEP '${STEP}'")
endif()

if(failures)
  message(FATAL_ERROR "failed checks:\n${failures}")
endif()
message(STATUS "install ${STEP}: all checks passed")
