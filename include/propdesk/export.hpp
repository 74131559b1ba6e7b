// propdesk/export.hpp: symbol visibility for the public API.
//
// The library is built with -fvisibility=hidden; every public class and free function carries
// PROPDESK_API so that it stays visible when propdesk is built as a shared object.
#pragma once

#if defined(_WIN32)
#define PROPDESK_API
#else
#define PROPDESK_API __attribute__((visibility("default")))
#endif
