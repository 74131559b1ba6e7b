#include "lmdb_environment.hpp"

#include <filesystem>
#include <map>
#include <mutex>
#include <system_error>

#include "lmdb_error.hpp"

namespace propdesk::plugins {

struct LmdbEnvironment::Shared {
  MDB_env* env = nullptr;
  MDB_dbi dbi = 0;
  std::size_t map_size = 0;
  std::size_t max_key_size = 0;
  int users = 0;
  std::string key;  // in the table
};

namespace {

// Every environment this process has open, by the file's canonical path. Opening and closing happen
// under the mutex, so one file never has two environments, not even for a moment.
std::mutex g_mutex;
std::map<std::string, LmdbEnvironment::Shared*>& table() {
  static auto* envs = new std::map<std::string, LmdbEnvironment::Shared*>();  // never destroyed: used at exit
  return *envs;
}

// A fresh environment of the file, its main database opened.
LmdbEnvironment::Shared* open_environment(const LmdbSettings& settings, const std::string& where) {
  MDB_env* env = nullptr;
  check_lmdb(mdb_env_create(&env), "mdb_env_create", where, settings.map_size);
  try {
    check_lmdb(mdb_env_set_mapsize(env, settings.map_size), "mdb_env_set_mapsize", where, settings.map_size);
    check_lmdb(mdb_env_open(env, settings.path.c_str(), MDB_NOSUBDIR | MDB_NOTLS, 0640), "mdb_env_open", where,
               settings.map_size);
    int dead = 0;
    mdb_reader_check(env, &dead);  // frees reader slots of processes that died; best effort
    MDB_txn* txn = nullptr;
    check_lmdb(mdb_txn_begin(env, nullptr, MDB_RDONLY, &txn), "mdb_txn_begin", where, settings.map_size);
    MDB_dbi dbi = 0;
    const int rc = mdb_dbi_open(txn, nullptr, 0, &dbi);
    if (rc != MDB_SUCCESS) {
      mdb_txn_abort(txn);
      throw_lmdb(rc, "mdb_dbi_open", where, settings.map_size);
    }
    check_lmdb(mdb_txn_commit(txn), "mdb_txn_commit", where, settings.map_size);
    MDB_envinfo info{};
    mdb_env_info(env, &info);
    auto* shared = new LmdbEnvironment::Shared;
    shared->env = env;
    shared->dbi = dbi;
    shared->map_size = info.me_mapsize;
    shared->max_key_size = static_cast<std::size_t>(mdb_env_get_maxkeysize(env));
    return shared;
  } catch (...) {
    mdb_env_close(env);
    throw;
  }
}

}  // namespace

LmdbEnvironment::LmdbEnvironment(const LmdbSettings& settings) : where_("lmdb " + settings.path) {
  std::error_code ec;
  std::string key = std::filesystem::weakly_canonical(settings.path, ec).string();
  if (ec) key = std::filesystem::absolute(settings.path, ec).string();
  const std::lock_guard lock(g_mutex);
  auto& envs = table();
  if (auto it = envs.find(key); it != envs.end()) {
    shared_ = it->second;
  } else {
    shared_ = open_environment(settings, where_);
    shared_->key = key;
    try {
      envs.emplace(key, shared_);
    } catch (...) {
      mdb_env_close(shared_->env);
      delete shared_;
      throw;
    }
  }
  ++shared_->users;
}

LmdbEnvironment::~LmdbEnvironment() {
  const std::lock_guard lock(g_mutex);
  if (--shared_->users > 0) return;
  table().erase(shared_->key);
  mdb_env_close(shared_->env);
  delete shared_;
}

MDB_env* LmdbEnvironment::env() const noexcept { return shared_->env; }
MDB_dbi LmdbEnvironment::dbi() const noexcept { return shared_->dbi; }
std::size_t LmdbEnvironment::map_size() const noexcept { return shared_->map_size; }
std::size_t LmdbEnvironment::max_key_size() const noexcept { return shared_->max_key_size; }

}  // namespace propdesk::plugins
