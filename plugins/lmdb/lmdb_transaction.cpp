#include "lmdb_transaction.hpp"

#include "lmdb_error.hpp"

namespace propdesk::plugins {

namespace {

MDB_val val(std::string_view bytes) {
  return MDB_val{bytes.size(), const_cast<char*>(bytes.data())};  // LMDB does not write through it
}

std::string_view bytes(const MDB_val& v) { return {static_cast<const char*>(v.mv_data), v.mv_size}; }

// A cursor, closed on scope exit.
class Cursor {
 public:
  Cursor(MDB_txn* txn, MDB_dbi dbi, int& rc) { rc = mdb_cursor_open(txn, dbi, &cursor_); }
  ~Cursor() {
    if (cursor_ != nullptr) mdb_cursor_close(cursor_);
  }
  Cursor(const Cursor&) = delete;
  Cursor& operator=(const Cursor&) = delete;
  MDB_cursor* get() const { return cursor_; }

 private:
  MDB_cursor* cursor_ = nullptr;
};

}  // namespace

LmdbTransaction::LmdbTransaction(const LmdbEnvironment& environment, bool write) : environment_(environment) {
  const int rc = mdb_txn_begin(environment_.env(), nullptr, write ? 0U : MDB_RDONLY, &txn_);
  if (rc != MDB_SUCCESS) {
    txn_ = nullptr;
    fail(rc, "mdb_txn_begin");
  }
}

LmdbTransaction::~LmdbTransaction() {
  if (txn_ != nullptr) mdb_txn_abort(txn_);
}

void LmdbTransaction::fail(int rc, const char* operation) const {
  throw_lmdb(rc, operation, environment_.where(), environment_.map_size());
}

void LmdbTransaction::check_key(std::string_view key) const {
  if (!key.empty() && key.size() <= environment_.max_key_size()) return;
  throw sdk::Error(PROPDESK_STATUS_INVALID, environment_.where() + ": a key of " + std::to_string(key.size()) +
                                                " bytes; LMDB takes keys of 1 to " +
                                                std::to_string(environment_.max_key_size()) + " bytes");
}

std::optional<std::string_view> LmdbTransaction::get(std::string_view key) {
  check_key(key);
  MDB_val k = val(key);
  MDB_val v{};
  const int rc = mdb_get(txn_, environment_.dbi(), &k, &v);
  if (rc == MDB_NOTFOUND) return std::nullopt;
  if (rc != MDB_SUCCESS) fail(rc, "mdb_get");
  return bytes(v);
}

void LmdbTransaction::scan(std::string_view from, std::string_view to,
                           const std::function<bool(std::string_view, std::string_view)>& visit) {
  if (from.size() > environment_.max_key_size()) check_key(from);
  int rc = MDB_SUCCESS;
  const Cursor cursor(txn_, environment_.dbi(), rc);
  if (rc != MDB_SUCCESS) fail(rc, "mdb_cursor_open");
  MDB_val k = val(from);
  MDB_val v{};
  rc = from.empty() ? mdb_cursor_get(cursor.get(), &k, &v, MDB_FIRST)
                    : mdb_cursor_get(cursor.get(), &k, &v, MDB_SET_RANGE);
  while (rc == MDB_SUCCESS) {
    const std::string_view key = bytes(k);
    if (!to.empty() && key >= to) return;  // string_view compares bytewise, as LMDB orders keys
    if (!visit(key, bytes(v))) return;
    rc = mdb_cursor_get(cursor.get(), &k, &v, MDB_NEXT);
  }
  if (rc != MDB_NOTFOUND) fail(rc, "mdb_cursor_get");
}

void LmdbTransaction::put(std::string_view key, std::string_view value) {
  check_key(key);
  MDB_val k = val(key);
  MDB_val v = val(value);
  const int rc = mdb_put(txn_, environment_.dbi(), &k, &v, 0);
  if (rc != MDB_SUCCESS) fail(rc, "mdb_put");
}

void LmdbTransaction::erase(std::string_view key) {
  check_key(key);
  MDB_val k = val(key);
  const int rc = mdb_del(txn_, environment_.dbi(), &k, nullptr);
  if (rc != MDB_SUCCESS && rc != MDB_NOTFOUND) fail(rc, "mdb_del");
}

void LmdbTransaction::commit() {
  MDB_txn* txn = txn_;
  txn_ = nullptr;  // mdb_txn_commit frees the transaction whatever it returns
  const int rc = mdb_txn_commit(txn);
  if (rc != MDB_SUCCESS) fail(rc, "mdb_txn_commit");
}

}  // namespace propdesk::plugins
