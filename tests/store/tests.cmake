# The store contract suites also run over a store type a plugin provides: the shipped lmdb plugin,
# loaded from its file in the build (tests/store/store_kinds.hpp).
add_dependencies(store_tests propdesk_store_lmdb)
target_compile_definitions(store_tests PRIVATE PROPDESK_PLUGIN_BUILD_DIR="${PROPDESK_PLUGIN_BUILD_DIR}")
