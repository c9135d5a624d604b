# quarry_library(NAME SRCS ... DEPS ...): a static library whose includes are
# rooted at the repository, as in leveldb and abseil.
function(quarry_library name)
  cmake_parse_arguments(Q "" "" "SRCS;DEPS" ${ARGN})
  add_library(${name} STATIC ${Q_SRCS})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(${name} PUBLIC ${Q_DEPS})
endfunction()

# quarry_test(NAME SRCS ... DEPS ... LABEL unit|e2e): one GoogleTest binary,
# registered with CTest through gtest_discover_tests.
function(quarry_test name)
  cmake_parse_arguments(Q "" "LABEL" "SRCS;DEPS" ${ARGN})
  add_executable(${name} ${Q_SRCS})
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR})
  target_link_libraries(${name} PRIVATE ${Q_DEPS} GTest::gtest GTest::gmock GTest::gtest_main)
  if(NOT Q_LABEL)
    set(Q_LABEL unit)
  endif()
  gtest_discover_tests(${name} PROPERTIES LABELS ${Q_LABEL} DISCOVERY_TIMEOUT 60)
endfunction()

# quarry_forbid_links(TARGET FORBIDDEN...): fails the configuration when
# TARGET links one of FORBIDDEN, directly or through the libraries it links
# (STYLE.md 2b: the search core links neither Boost.ProgramOptions nor the
# CLI helpers). Call it once TARGET and its dependencies are defined.
function(quarry_forbid_links target)
  set(seen "")
  set(queue ${target})
  while(queue)
    list(POP_FRONT queue current)
    if(current IN_LIST seen OR NOT TARGET ${current})
      continue()
    endif()
    list(APPEND seen ${current})
    foreach(property LINK_LIBRARIES INTERFACE_LINK_LIBRARIES)
      get_target_property(libraries ${current} ${property})
      if(libraries)
        foreach(library ${libraries})
          if(library MATCHES "^\\$<")
            continue()  # generator expressions: the interface targets they choose from are listed too
          endif()
          list(APPEND queue ${library})
        endforeach()
      endif()
    endforeach()
  endwhile()
  foreach(forbidden ${ARGN})
    if(forbidden IN_LIST seen)
      message(FATAL_ERROR "${target} links ${forbidden}, which it must not (STYLE.md 2b)")
    endif()
  endforeach()
endfunction()
