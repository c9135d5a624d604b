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
