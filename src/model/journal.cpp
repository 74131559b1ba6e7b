// Journal hashing (SHA-256, model/sha256.hpp) and chain verification.
#include "propdesk/journal.hpp"

#include <charconv>
#include <stdexcept>

#include "model/fields_codec.hpp"
#include "model/journal_hash.hpp"
#include "model/sha256.hpp"

namespace propdesk {
namespace {

// Bump when the encoding below changes; old journals then no longer verify.
constexpr std::string_view kEncodingTag = "propdesk-journal-v1";

// Feeds "<length>:<bytes>" per member, which makes the concatenation unambiguous.
class Digest {
 public:
  void add(std::string_view bytes) {
    char length[24];
    char* end = std::to_chars(length, length + sizeof length - 1, bytes.size()).ptr;
    *end++ = ':';
    sha_.update({length, static_cast<std::size_t>(end - length)});
    sha_.update(bytes);
  }
  void add(std::int64_t number) {
    char digits[24];
    const char* end = std::to_chars(digits, digits + sizeof digits, number).ptr;
    add({digits, static_cast<std::size_t>(end - digits)});
  }

  std::string hex() { return sha_.hex(); }

 private:
  Sha256 sha_;
};

std::optional<JournalProblem> problem(TicketId ticket, std::int64_t seq, std::string reason) {
  return JournalProblem{ticket, seq, std::move(reason)};
}

std::optional<JournalProblem> check_first(TicketId ticket, const JournalEntry& e) {
  if (e.event != kCreateEvent)
    return problem(ticket, e.seq, "the first entry is '" + e.event + "', not a creation");
  if (!e.from_state.empty())
    return problem(ticket, e.seq, "the creation entry has a from_state ('" + e.from_state + "')");
  return std::nullopt;
}

}  // namespace

std::string hash_entry(const JournalEntry& entry, TicketId ticket, std::int64_t seq,
                       std::string_view prev_hash, std::string_view canonical_input) {
  Digest d;
  d.add(kEncodingTag);
  d.add(ticket);
  d.add(seq);
  d.add(static_cast<std::int64_t>(entry.at.time_since_epoch().count()));
  d.add(entry.actor.id);
  d.add(entry.actor.role);
  d.add(entry.event);
  d.add(entry.from_state);
  d.add(entry.to_state);
  d.add(canonical_input);
  d.add(prev_hash);
  return d.hex();
}

std::string compute_entry_hash(const JournalEntry& entry) {
  return hash_entry(entry, entry.ticket, entry.seq, entry.prev_hash, encode_fields(entry.input));
}

void seal(JournalEntry& entry, std::string_view prev_hash) {
  entry.prev_hash = prev_hash;
  entry.hash = compute_entry_hash(entry);
}

std::optional<JournalProblem> verify_chain(TicketId ticket, std::span<const JournalEntry> entries) {
  std::string_view expected_prev = kGenesisHash;
  std::int64_t expected_seq = 1;
  for (const JournalEntry& e : entries) {
    if (e.ticket != ticket)
      return problem(ticket, e.seq, "the entry belongs to ticket " + std::to_string(e.ticket));
    if (e.seq > expected_seq)
      return problem(ticket, expected_seq,
                     "entry " + std::to_string(expected_seq) + " is missing (the next one is " +
                         std::to_string(e.seq) + ")");
    if (e.seq < expected_seq)
      return problem(ticket, e.seq,
                     "entry " + std::to_string(e.seq) +
                         " is out of order or duplicated (expected " +
                         std::to_string(expected_seq) + ")");
    if (e.seq == 1) {
      if (auto p = check_first(ticket, e)) return p;
    }
    if (e.prev_hash != expected_prev)
      return problem(ticket, e.seq,
                     e.seq == 1
                         ? std::string("the first entry does not start the chain "
                                       "(prev_hash is not the genesis hash)")
                         : "prev_hash is not the hash of entry " + std::to_string(e.seq - 1) +
                               " (an entry was inserted, deleted or reordered)");
    std::string actual;
    try {
      actual = compute_entry_hash(e);
    } catch (const std::invalid_argument& error) {
      return problem(ticket, e.seq, std::string("the input cannot be encoded: ") + error.what());
    }
    if (actual != e.hash)
      return problem(ticket, e.seq, "hash mismatch: the entry was edited after it was written");
    expected_prev = e.hash;
    ++expected_seq;
  }
  return std::nullopt;
}

}  // namespace propdesk
