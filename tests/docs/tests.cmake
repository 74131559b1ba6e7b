# The docs pages' examples, checked (tests/docs/*_test.cpp): C++ fragments are regions of the test
# sources that are compiled and run, command transcripts are replayed on the real binary.
add_dependencies(docs_tests propdesk_cli propdesk_store_lmdb propdesk_notify_log fixture_future_major)

# The transcripts are replayed with the wall clock frozen at the instant their page names
# (frozen_clock.c, preloaded into each command), so times, codes and hashes come out as shown.
add_library(docs_frozen_clock MODULE ${CMAKE_CURRENT_LIST_DIR}/frozen_clock.c)
# It is preloaded into every command of a transcript (bash and sqlite3 too), so it is built without
# the sanitizers of a sanitizer build (add_compile_options): their runtime cannot be preloaded after it.
set_target_properties(docs_frozen_clock PROPERTIES C_STANDARD 11 C_STANDARD_REQUIRED ON C_EXTENSIONS ON
                                                   COMPILE_OPTIONS "" LINK_OPTIONS "")
target_compile_options(docs_frozen_clock PRIVATE -Wall -Wextra $<$<BOOL:${PROPDESK_WERROR}>:-Werror>)
target_link_libraries(docs_frozen_clock PRIVATE ${CMAKE_DL_LIBS})
add_dependencies(docs_tests docs_frozen_clock)
target_compile_definitions(docs_tests PRIVATE
  PROPDESK_FROZEN_CLOCK_LIB="$<TARGET_FILE:docs_frozen_clock>"
  PROPDESK_PLUGIN_BUILD_DIR="${PROPDESK_PLUGIN_BUILD_DIR}"
  PROPDESK_TEST_PLUGIN_DIR="${CMAKE_CURRENT_BINARY_DIR}/plugin_fixtures")  # as tests/plugin/tests.cmake builds them
