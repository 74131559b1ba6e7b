// propdesk/store_error.hpp: the exception a store throws, and its kind for a damaged record.
#pragma once

#include <stdexcept>

#include "propdesk/export.hpp"

namespace propdesk {

/// A failure of the store itself, not of the caller's request: the database cannot be opened or
/// written (I/O error, disk full, locked by another process beyond the busy timeout), it is not a
/// propdesk database, it is corrupted, or its schema is newer than this library. The message names
/// the file and says what went wrong.
///
/// Domain outcomes (a version conflict, an unknown ticket, an item refused for its content) are
/// never StoreErrors: they are CommitOutcome values.
class PROPDESK_API StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The StoreError of a record that is there but does not decode (a ticket's fields or clocks, a
/// journal entry's input, an outbox message's fields): the file was edited or damaged. The message
/// names the file and the record. Store::verify_all() reports a ticket whose record does not
/// decode as one of its problems instead of throwing.
class PROPDESK_API DamagedRecordError : public StoreError {
 public:
  using StoreError::StoreError;
};

}  // namespace propdesk
