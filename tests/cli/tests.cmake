# `--db lmdb:FILE` runs the CLI on the shipped lmdb plugin's store type (plugin_store_cli_test.cpp).
add_dependencies(cli_tests propdesk_store_lmdb)
