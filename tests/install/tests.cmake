# Install propdesk into a scratch prefix and build the examples against it with find_package:
# examples/embed (run), examples/custom_plugin (a plugin, loaded by the installed CLI and a host).
foreach(example embed_example custom_plugin_example)
  add_test(NAME install.${example}
           COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/${example}.sh ${PROJECT_BINARY_DIR} ${PROJECT_SOURCE_DIR}
                   "${PROPDESK_SANITIZE}")
  set_tests_properties(install.${example} PROPERTIES TIMEOUT 600 RUN_SERIAL TRUE)
endforeach()
