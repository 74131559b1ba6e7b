// Plugin "lmdb": the key-value store type "lmdb", an LMDB database file (a memory-mapped B+tree:
// one writer at a time across processes, readers on snapshots that never wait). propdesk's KvStore
// keeps tickets, journals, timers and the outbox in it. Settings (lmdb_settings.hpp):
//   path      the database file, in a folder that exists (required)
//   map_size  the most the file may grow to: bytes or "512MiB", "4GiB" (default 1GiB)
#include "lmdb_database.hpp"
#include "propdesk/plugin_sdk.hpp"

namespace {

void register_lmdb(const propdesk_host& host) {
  propdesk::sdk::add_kv_store<propdesk::plugins::LmdbDatabase>(
      host, "lmdb", "an LMDB database file (setting 'path'; 'map_size', default 1GiB)");
}

}  // namespace

PROPDESK_DEFINE_PLUGIN("lmdb", PROPDESK_PLUGIN_VERSION, "key-value store in an LMDB file", register_lmdb)
