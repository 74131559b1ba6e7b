# The plugin tests load real shared objects: the shipped plugins, and the fixtures built here (tiny
# plugins for every refusal and misbehaviour, fixtures/*), into ${fixture_dir}.
set(fixture_dir ${CMAKE_CURRENT_BINARY_DIR}/plugin_fixtures)

# propdesk_test_plugin(<target> <source> [DEFINES d...] [LOOSE]): a fixture plugin. C sources are built
# as C99 with -pedantic, proving plugin_api.h is C. LOOSE: undefined symbols are allowed at link time
# (for the fixture that dlopen must refuse with RTLD_NOW).
function(propdesk_test_plugin target source)
  cmake_parse_arguments(arg "LOOSE" "" "DEFINES" ${ARGN})
  add_library(${target} MODULE ${CMAKE_CURRENT_LIST_DIR}/fixtures/${source})
  set_target_properties(${target} PROPERTIES PREFIX "" LIBRARY_OUTPUT_DIRECTORY ${fixture_dir}
                                             C_VISIBILITY_PRESET hidden CXX_VISIBILITY_PRESET hidden
                                             C_STANDARD 99 C_STANDARD_REQUIRED ON C_EXTENSIONS OFF)
  target_link_libraries(${target} PRIVATE propdesk::plugin_api)
  target_compile_definitions(${target} PRIVATE ${arg_DEFINES})
  if(NOT arg_LOOSE)
    target_link_options(${target} PRIVATE LINKER:--no-undefined)
  endif()
  if(source MATCHES "\\.c$")
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic $<$<BOOL:${PROPDESK_WERROR}>:-Werror>)
  else()
    propdesk_set_warnings(${target})
  endif()
  add_dependencies(plugin_tests ${target})
endfunction()

propdesk_test_plugin(fixture_c_plugin c_plugin.c)
propdesk_test_plugin(fixture_sdk_plugin sdk_plugin.cpp)
propdesk_test_plugin(fixture_faulty faulty.cpp)
propdesk_test_plugin(fixture_entry_throws faulty.cpp DEFINES ENTRY_THROWS)
propdesk_test_plugin(fixture_no_entry refusals.c DEFINES NO_ENTRY)
foreach(case FUTURE_MAJOR SMALL_DESCRIPTOR BAD_NAME NULL_DESCRIPTOR REGISTER_FAILS IGNORES_REFUSAL TAKES_LOG
             TWIN_A TWIN_B KV_NO_SCAN KV_TAKES_LMDB)
  string(TOLOWER ${case} name)
  propdesk_test_plugin(fixture_${name} refusals.c DEFINES ${case} FIXTURE_NAME="${name}")
endforeach()
propdesk_test_plugin(fixture_unresolved refusals.c DEFINES UNRESOLVED FIXTURE_NAME="unresolved" LOOSE)
# The C plugin built against plugin API 1.0's header as it was released (fixtures/api_1_0, a frozen
# copy, never edited): a plugin built for 1.0 must keep loading as the API grows.
propdesk_test_plugin(fixture_c_plugin_api_1_0 c_plugin.c)
target_include_directories(fixture_c_plugin_api_1_0 BEFORE PRIVATE ${CMAKE_CURRENT_LIST_DIR}/fixtures/api_1_0)

add_dependencies(plugin_tests propdesk_notify_log propdesk_store_lmdb propdesk_cli)
target_compile_definitions(plugin_tests PRIVATE
  PROPDESK_TEST_PLUGIN_DIR="${fixture_dir}"
  PROPDESK_PLUGIN_BUILD_DIR="${PROPDESK_PLUGIN_BUILD_DIR}")

# A second process writing into an lmdb database (lmdb_writer.cpp): writers of two processes take turns.
add_executable(lmdb_writer ${CMAKE_CURRENT_LIST_DIR}/lmdb_writer.cpp)
target_link_libraries(lmdb_writer PRIVATE propdesk)
target_compile_definitions(lmdb_writer PRIVATE PROPDESK_PLUGIN_BUILD_DIR="${PROPDESK_PLUGIN_BUILD_DIR}")
propdesk_set_warnings(lmdb_writer)
add_dependencies(plugin_tests lmdb_writer)
target_compile_definitions(plugin_tests PRIVATE PROPDESK_LMDB_WRITER="$<TARGET_FILE:lmdb_writer>")

# The webhook tests start a real HTTP(S) receiver (webhook_receiver.py, standard library only) and
# make a certificate with the openssl command.
find_program(PROPDESK_TEST_PYTHON NAMES python3 PATHS /usr/bin NO_DEFAULT_PATH)
find_program(PROPDESK_TEST_PYTHON NAMES python3)
find_program(PROPDESK_TEST_OPENSSL NAMES openssl)
# The e-mail tests start a real SMTP server (smtp_receiver.py on Debian's python3-aiosmtpd).
add_dependencies(plugin_tests propdesk_notify_webhook propdesk_notify_email)
target_compile_definitions(plugin_tests PRIVATE
  PROPDESK_TEST_PYTHON="${PROPDESK_TEST_PYTHON}"
  PROPDESK_TEST_OPENSSL="${PROPDESK_TEST_OPENSSL}"
  PROPDESK_WEBHOOK_RECEIVER="${CMAKE_CURRENT_LIST_DIR}/webhook_receiver.py"
  PROPDESK_SMTP_RECEIVER="${CMAKE_CURRENT_LIST_DIR}/smtp_receiver.py")
