# own_soname(VAR LIBRARY): the SONAME a shared library records, which is the name dlopen and
# LD_PRELOAD find it by on any machine that has the library's runtime package (the development
# symlink that find_library returns may be missing there).
function(own_soname var library)
  get_filename_component(real "${library}" REALPATH)
  execute_process(COMMAND ${CMAKE_OBJDUMP} -p "${real}" OUTPUT_VARIABLE dump
                  RESULT_VARIABLE failed ERROR_QUIET)
  string(REGEX MATCH "SONAME +([^ \n]+)" found "${dump}")
  if(failed OR NOT CMAKE_MATCH_1)
    message(FATAL_ERROR "own: no SONAME found in ${library} (objdump: ${CMAKE_OBJDUMP})")
  endif()
  set(${var} "${CMAKE_MATCH_1}" PARENT_SCOPE)
endfunction()
