# explain.cmake: compiles docs/errors/KIND.md into `own`, so that `own explain KIND` works from an
# installed copy, without the source tree. Included by cli/CMakeLists.txt.

# The kinds in the order of DESIGN.md's table, which is the order `own explain --list` shows.
set(OWN_ERROR_KINDS
  use-after-free double-free leak use-after-move free-non-heap free-interior mismatched-free
  dangling-stack borrow-conflict write-through-shared drop-while-borrowed borrow-outlives-owner
  heap-overflow stack-resize stack-overflow invalid-handle)

set(own_error_docs ${PROJECT_SOURCE_DIR}/docs/errors)
set(own_error_pages "")
foreach(kind ${OWN_ERROR_KINDS})
  if(NOT EXISTS ${own_error_docs}/${kind}.md)
    message(FATAL_ERROR "docs/errors/${kind}.md is missing: every error kind needs its page")
  endif()
  list(APPEND own_error_pages ${own_error_docs}/${kind}.md)
endforeach()
# A page for a kind not in the list above still gets in, after the others.
file(GLOB own_extra_pages CONFIGURE_DEPENDS ${own_error_docs}/*.md)
list(SORT own_extra_pages)
foreach(page ${own_extra_pages})
  get_filename_component(name ${page} NAME_WE)
  if(NOT name STREQUAL "README" AND NOT page IN_LIST own_error_pages)
    list(APPEND own_error_pages ${page})
  endif()
endforeach()

include(EmbedFiles)
own_embed_files(TARGET own_cli SYMBOL own_error_pages OUTPUT error_pages FILES ${own_error_pages})
