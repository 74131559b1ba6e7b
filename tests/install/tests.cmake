# Install propdesk into a scratch prefix, build examples/embed against it with find_package, run it.
add_test(NAME install.embed_example
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/embed_example.sh ${PROJECT_BINARY_DIR} ${PROJECT_SOURCE_DIR}
                 "${PROPDESK_SANITIZE}")
set_tests_properties(install.embed_example PROPERTIES TIMEOUT 600 RUN_SERIAL TRUE)
