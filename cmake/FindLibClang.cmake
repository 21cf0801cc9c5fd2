# FindLibClang: libclang's C API (clang-c/Index.h), newest LLVM first.
# Sets LibClang_FOUND, LibClang_INCLUDE_DIR, LibClang_LIBRARY, LibClang_VERSION and the imported
# target LibClang::LibClang. LIBCLANG_ROOT (e.g. /usr/lib/llvm-19) picks one explicitly.
set(_own_llvm_roots)
if(LIBCLANG_ROOT)
  list(APPEND _own_llvm_roots ${LIBCLANG_ROOT})
endif()
foreach(v RANGE 22 14 -1)
  list(APPEND _own_llvm_roots /usr/lib/llvm-${v} /usr/local/opt/llvm@${v} /opt/homebrew/opt/llvm@${v})
endforeach()
list(APPEND _own_llvm_roots /usr/local/opt/llvm /opt/homebrew/opt/llvm /usr/local /usr)

foreach(root ${_own_llvm_roots})
  if(EXISTS ${root}/include/clang-c/Index.h)
    find_library(LibClang_LIBRARY NAMES clang libclang PATHS ${root}/lib NO_DEFAULT_PATH)
    if(LibClang_LIBRARY)
      set(LibClang_INCLUDE_DIR ${root}/include CACHE PATH "libclang headers")
      string(REGEX MATCH "llvm-?@?([0-9]+)" _m "${root}")
      set(LibClang_VERSION "${CMAKE_MATCH_1}")
      break()
    endif()
    unset(LibClang_LIBRARY CACHE)
  endif()
endforeach()

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(LibClang REQUIRED_VARS LibClang_LIBRARY LibClang_INCLUDE_DIR)
if(LibClang_FOUND AND NOT TARGET LibClang::LibClang)
  add_library(LibClang::LibClang UNKNOWN IMPORTED)
  set_target_properties(LibClang::LibClang PROPERTIES
    IMPORTED_LOCATION ${LibClang_LIBRARY}
    INTERFACE_INCLUDE_DIRECTORIES ${LibClang_INCLUDE_DIR})
  get_filename_component(LibClang_LIBRARY_DIR ${LibClang_LIBRARY} DIRECTORY)
endif()
