#include "store/stored_decode.hpp"

#include "model/fields_codec.hpp"
#include "model/sla_state_codec.hpp"
#include "propdesk/store_error.hpp"

namespace propdesk {

Fields decode_stored(std::string_view json, const std::string& where, std::string_view what) {
  try {
    return decode_fields(json);
  } catch (const FieldsCodecError& e) {
    throw DamagedRecordError(where + ": damaged " + std::string(what) + ": " + e.what());
  }
}

std::vector<SlaClockState> decode_stored_clocks(std::string_view text, const std::string& where,
                                                TicketId id) {
  try {
    return decode_sla_states(text);
  } catch (const SlaStateCodecError& e) {
    throw DamagedRecordError(where + ": damaged clocks of ticket " + std::to_string(id) + ": " +
                             e.what());
  }
}

std::map<std::string, std::string, std::less<>> decode_stored_outbox_fields(
    std::string_view json, const std::string& where, std::string_view key) {
  std::map<std::string, std::string, std::less<>> fields;
  for (const auto& [name, value] :
       decode_stored(json, where, "fields of outbox message " + std::string(key)))
    fields.emplace(name,
                   value.kind() == Value::Kind::kString ? value.as_string() : value.to_string());
  return fields;
}

}  // namespace propdesk
