#include "propdesk/kv_store_type.hpp"

namespace propdesk {

KvStoreType::~KvStoreType() = default;

}  // namespace propdesk
