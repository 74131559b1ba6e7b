#include "propdesk/kv_backend.hpp"

namespace propdesk {

KvTransaction::~KvTransaction() = default;

KvBackend::~KvBackend() = default;

}  // namespace propdesk
