// lmdb_writer FILE KEY VALUE: another process writing one key into an lmdb database, through the
// shipped plugin and the real loader, for the test that writers of two processes take turns
// (lmdb_plugin_test.cpp). Exits 0 when committed; 1 with the reason on stderr otherwise.
#include <iostream>

#include "propdesk/plugin_loader.hpp"

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: lmdb_writer FILE KEY VALUE\n";
    return 1;
  }
  try {
    propdesk::PluginRegistry registry;
    const auto report =
        propdesk::load_plugins(registry, {{PROPDESK_PLUGIN_BUILD_DIR "/propdesk_store_lmdb.so"}, {{"lmdb", {}}}, false});
    if (!report.ok()) {
      std::cerr << report.failed.at(0).to_string() << '\n';
      return 1;
    }
    auto db = registry.open_kv_store("lmdb", {{"path", argv[1]}});
    auto txn = db->begin(true);  // waits while another process writes
    txn->put(argv[2], argv[3]);
    txn->commit();
    return 0;
  } catch (const std::exception& e) {
    std::cerr << e.what() << '\n';
    return 1;
  }
}
