/* propdesk/plugin_api.h: the binary interface between propdesk and its plugins.
 *
 * A plugin is a shared object (a `.so` file) that exports one C function,
 *
 *     const propdesk_plugin_descriptor* propdesk_plugin_entry(void);
 *
 * returning a descriptor: the plugin API version it was built against, the descriptor's size, the
 * plugin's name and version, and a register function. propdesk opens the file with
 * dlopen(RTLD_NOW | RTLD_LOCAL), calls the entry point, checks the descriptor, and then calls the
 * register function with a host table (propdesk_host) through which the plugin adds what it
 * provides: notifier types, escalation rules, dispatch strategies and (since API 1.1) key-value
 * store types. A plugin is never unloaded.
 *
 * This header is C (C99 and later) and C++: plugins may be written in either, and nothing here
 * needs propdesk's C++ library. C++ plugins may use propdesk/plugin_sdk.hpp, which builds these
 * tables from C++ classes and keeps exceptions on the plugin's side.
 *
 * Rules that hold for every function in this file
 * -----------------------------------------------
 * - No exception and no longjmp crosses this interface, in either direction. Every function a
 *   plugin gives propdesk must catch everything it can throw; propdesk wraps every call into a
 *   plugin in try/catch too (and treats anything caught as a failure of that call), and the host
 *   functions it gives plugins never throw.
 * - Strings are UTF-8. Strings propdesk gives a plugin are propdesk_str: `data` is never NULL, and
 *   data[size] is always '\0' (so `data` may be used as a C string when the text holds no NUL).
 *   Strings a plugin gives propdesk (names, descriptions, versions) are NUL-terminated `const char*`.
 * - Everything propdesk passes into a call (strings, arrays, structs, the host table) is valid only
 *   during that call: copy what you keep. Everything a plugin passes to propdesk (descriptor, type
 *   tables, their strings) is copied by propdesk before the call returns, except the `user` and
 *   `instance` pointers, whose ownership is stated where they appear.
 * - Error and reason texts go into a caller-provided buffer (`char* text, size_t text_size`): write
 *   at most text_size bytes including a terminating '\0' (truncate long messages). The buffer is
 *   never NULL and text_size is at least 256. The buffer starts as an empty string.
 * - Functions that can fail return propdesk_status. Any value other than those defined below is
 *   treated as PROPDESK_STATUS_FAILED.
 *
 * Versions
 * --------
 * PROPDESK_PLUGIN_API_MAJOR changes when anything here changes incompatibly; propdesk refuses a
 * plugin built for another major version. PROPDESK_PLUGIN_API_MINOR grows when members are added
 * at the end of a struct that carries a `size` member; both sides read only the members that the
 * other side's `size` covers, so a plugin built against an older or newer minor version loads. Arrays
 * of structs without a `size` member (settings, fields, candidates) change only with the major
 * version. The first three members of propdesk_plugin_descriptor never move, in any version.
 *
 * History: 1.0 notifier types, escalation rules, dispatch strategies. 1.1 key-value store types
 * (propdesk_kv_store_type, propdesk_host.add_kv_store appended at the end of the host table: a
 * plugin built for 1.1 that adds a store checks PROPDESK_HOST_HAS(host, add_kv_store) first).
 */
#ifndef PROPDESK_PLUGIN_API_H
#define PROPDESK_PLUGIN_API_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PROPDESK_PLUGIN_API_MAJOR 1
#define PROPDESK_PLUGIN_API_MINOR 1

/* The name of the one function every plugin exports (see propdesk_plugin_entry_fn). */
#define PROPDESK_PLUGIN_ENTRY_NAME "propdesk_plugin_entry"

/* Marks the entry point for export from a plugin built with -fvisibility=hidden. */
#if defined(_WIN32)
#define PROPDESK_PLUGIN_EXPORT __declspec(dllexport)
#else
#define PROPDESK_PLUGIN_EXPORT __attribute__((visibility("default")))
#endif

/* ---------------------------------------------------------------------------------------------
 * Status codes
 * ------------------------------------------------------------------------------------------- */

typedef int32_t propdesk_status;

/* Done. */
#define PROPDESK_STATUS_OK 0
/* A temporary failure (receiver down, timeout, rate-limited): the same call may succeed later, and
 * propdesk may retry it. */
#define PROPDESK_STATUS_RETRY 1
/* A failure that retrying will not cure (the receiver refused the message, a bug). */
#define PROPDESK_STATUS_FAILED 2
/* The arguments were unacceptable: bad or missing settings, a name already taken. */
#define PROPDESK_STATUS_INVALID 3

/* ---------------------------------------------------------------------------------------------
 * Data propdesk passes to plugins
 * ------------------------------------------------------------------------------------------- */

/* UTF-8 text: `size` bytes at `data`; data is never NULL and data[size] == '\0'. */
typedef struct propdesk_str {
  const char* data;
  size_t size;
} propdesk_str;

/* Bytes (API 1.1): `size` bytes at `data`, any values, NUL included; not NUL-terminated. `data` may
 * be NULL only when size is 0. The keys and values of key-value stores. */
typedef struct propdesk_bytes {
  const char* data;
  size_t size;
} propdesk_bytes;

/* One setting: a key and its value, both text. Settings come from propdesk's configuration as a
 * flat map; keys are unique and sorted. */
typedef struct propdesk_setting {
  propdesk_str key;
  propdesk_str value;
} propdesk_setting;

/* The kind of a field value (the order of propdesk::Value::Kind). */
#define PROPDESK_VALUE_NULL 0
#define PROPDESK_VALUE_BOOL 1
#define PROPDESK_VALUE_INT 2
#define PROPDESK_VALUE_NUMBER 3
#define PROPDESK_VALUE_STRING 4
#define PROPDESK_VALUE_TIME 5

/* One field of a ticket: its name, kind and canonical text ("null", "true", "42", "4.5", the string
 * itself, or an ISO 8601 UTC time such as "2026-11-26T06:00:00Z"). */
typedef struct propdesk_field {
  propdesk_str name;
  int32_t kind; /* a PROPDESK_VALUE_ constant */
  propdesk_str text;
} propdesk_field;

/* A ticket, read-only, as escalation rules and dispatch strategies see it. Personal data is not
 * masked: plugins are trusted code. Times are seconds since 1970-01-01 UTC. */
typedef struct propdesk_ticket {
  uint32_t size; /* sizeof(propdesk_ticket) in propdesk's build */
  int64_t id;
  propdesk_str code;     /* "BX-20261126-0001" */
  propdesk_str workflow; /* "repair" */
  int32_t workflow_version;
  propdesk_str state;    /* the current state's name */
  propdesk_str severity; /* "general" or "major" */
  propdesk_str assignee; /* a user id; empty when nobody is assigned */
  const propdesk_field* fields; /* sorted by name; NULL only when field_count is 0 */
  size_t field_count;
  int64_t created_at;
  int64_t updated_at;
} propdesk_ticket;

/* A notification to deliver, already rendered from the workflow's template: personal fields are
 * masked unless the channel is trusted. */
typedef struct propdesk_notification {
  uint32_t size; /* sizeof(propdesk_notification) in propdesk's build */
  /* The same for every delivery attempt of this notification and different for every other
   * notification: receivers that can, deduplicate on it. */
  propdesk_str idempotency_key;
  int64_t ticket_id;
  propdesk_str ticket_code;
  propdesk_str workflow;
  propdesk_str template_name;
  propdesk_str recipient;    /* a role name, or a person's user id */
  int32_t recipient_is_role; /* 1: `recipient` names a role; 0: a person */
  propdesk_str subject;      /* may be empty */
  propdesk_str body;
  propdesk_str link;         /* a link to the ticket; may be empty */
  propdesk_str state;        /* the state the ticket is in now */
  propdesk_str state_label;  /* its display label ("待派单"), or the name when it has none */
  propdesk_str severity;     /* "general" or "major" */
  propdesk_str event;        /* the event that caused it; empty for timers and escalations */
  propdesk_str at;           /* when it was raised, ISO 8601 UTC: "2026-11-26T06:00:00Z" */
  /* The ticket's fields as display text (masked like the body), sorted by name: structured
   * receivers may send them alongside the text. */
  const propdesk_setting* fields;
  size_t field_count;
} propdesk_notification;

/* One person a dispatch strategy may choose. propdesk offers only people it found eligible (the
 * workflow's role, the ticket's skill, below their cap of open orders); on_duty is the strategy's
 * to weigh. */
typedef struct propdesk_dispatch_candidate {
  propdesk_str id;        /* user id */
  int32_t on_duty;        /* 1 when on duty now */
  uint32_t open_orders;   /* tickets assigned to them and not closed (the one being assigned aside) */
  const propdesk_str* skills; /* the categories they handle (none: every category); NULL only when
                               * skill_count is 0 */
  size_t skill_count;
} propdesk_dispatch_candidate;

/* What an escalation rule may ask besides the ticket. Valid only during the classify call. */
typedef struct propdesk_rule_context {
  uint32_t size; /* sizeof(propdesk_rule_context) in propdesk's build */
  void* context; /* pass back to the functions below */
  /* The current time (the engine's clock), seconds since 1970 UTC. */
  int64_t (*now)(void* context);
  /* Calls visit(visit_user, ticket) for each ticket of `workflow` whose string field "location"
   * equals `location` and that was created at or after `since`, oldest first, at most `limit`
   * tickets. The ticket passed to visit is valid only during that visit call; visit must not
   * throw. Returns PROPDESK_STATUS_OK, or PROPDESK_STATUS_FAILED with the reason in `error`. */
  propdesk_status (*tickets_at)(void* context, propdesk_str workflow, propdesk_str location,
                                int64_t since, size_t limit,
                                void (*visit)(void* visit_user, const propdesk_ticket* ticket),
                                void* visit_user, char* error, size_t error_size);
} propdesk_rule_context;

/* ---------------------------------------------------------------------------------------------
 * What plugins provide
 * ------------------------------------------------------------------------------------------- */

/* A notifier type: a channel kind such as "log" or "webhook". propdesk creates instances of it
 * from settings (one per configured channel) and sends notifications through them.
 *
 * Ownership: `user` is the plugin's (e.g. state shared by all instances). Once the table was passed
 * to propdesk_host.add_notifier, successfully or not, propdesk owns `user`: it calls
 * release(user) exactly once when it drops the type (the registry is destroyed, or the plugin's
 * registration is refused), unless `release` is NULL.
 * An instance made by create() is destroyed by exactly one destroy(instance) call, after the last
 * send() on it. */
typedef struct propdesk_notifier_type {
  uint32_t size;           /* sizeof(propdesk_notifier_type) in the plugin's build */
  const char* name;        /* unique among all notifier types: [a-z][a-z0-9_.-]*, at most 64 */
  const char* description; /* one line for listings; may be NULL */
  void* user;              /* passed to create and release */
  /* Makes an instance from the channel's settings. On PROPDESK_STATUS_OK sets *instance (it may be
   * NULL if the plugin needs no state); otherwise explains in `error` (PROPDESK_STATUS_INVALID for
   * bad settings: name the setting). Called from any thread. */
  propdesk_status (*create)(void* user, const propdesk_setting* settings, size_t setting_count,
                            void** instance, char* error, size_t error_size);
  /* Delivers one notification. Returns PROPDESK_STATUS_OK when the receiver accepted it,
   * PROPDESK_STATUS_RETRY for a temporary failure, PROPDESK_STATUS_FAILED for a permanent one,
   * with the reason in `error`. propdesk calls send on one instance from one thread at a time
   * (different instances may be used concurrently). A send must end: use timeouts. */
  propdesk_status (*send)(void* instance, const propdesk_notification* notification, char* error,
                          size_t error_size);
  /* Frees an instance. May be NULL when instances need no freeing. */
  void (*destroy)(void* instance);
  /* Frees `user`. May be NULL. */
  void (*release)(void* user);
} propdesk_notifier_type;

/* An escalation rule: decides whether a ticket is a general or a major matter (workflows name it
 * in `escalation: {severity_rule: NAME}`). `user` and `release` as for propdesk_notifier_type. */
typedef struct propdesk_escalation_rule {
  uint32_t size;           /* sizeof(propdesk_escalation_rule) in the plugin's build */
  const char* name;        /* unique among all escalation rules: [a-z][a-z0-9_.-]*, at most 64 */
  const char* description; /* may be NULL */
  void* user;
  /* Classifies `ticket`. On PROPDESK_STATUS_OK sets *major to 1 (major) or 0 (general) and writes
   * the reason for a major verdict into `text` (one line a person can read in the journal). On any
   * other status `text` holds the error; propdesk then treats the ticket as general and reports
   * the error. Called concurrently from any number of threads. */
  propdesk_status (*classify)(void* user, const propdesk_ticket* ticket,
                              const propdesk_rule_context* context, int32_t* major, char* text,
                              size_t text_size);
  void (*release)(void* user);
} propdesk_escalation_rule;

/* choose() sets *chosen to this when no candidate fits. */
#define PROPDESK_NO_CANDIDATE SIZE_MAX

/* A dispatch strategy: chooses who gets a ticket among candidates. `user` and `release` as for
 * propdesk_notifier_type. */
typedef struct propdesk_dispatch_strategy {
  uint32_t size;           /* sizeof(propdesk_dispatch_strategy) in the plugin's build */
  const char* name;        /* unique among all dispatch strategies: [a-z][a-z0-9_.-]*, at most 64 */
  const char* description; /* may be NULL */
  void* user;
  /* Chooses among `candidates` (count of them, possibly 0) for `ticket`. On PROPDESK_STATUS_OK sets
   * *chosen to an index below count, or to PROPDESK_NO_CANDIDATE, and may explain the choice in
   * `text`; on any other status `text` holds the error. Called concurrently from any number of
   * threads: a strategy that keeps state (round robin) synchronises it. */
  propdesk_status (*choose)(void* user, const propdesk_ticket* ticket,
                            const propdesk_dispatch_candidate* candidates, size_t count,
                            size_t* chosen, char* text, size_t text_size);
  void (*release)(void* user);
} propdesk_dispatch_strategy;

/* A key-value store type (API 1.1): an ordered, transactional store of bytes under byte keys, such as
 * "lmdb". propdesk keeps tickets, journals, timers and the outbox in it (the host's KvStore keeps
 * every promise of propdesk's Store contract on top: versions, sealing, indexes), so a backend only
 * stores bytes. propdesk opens instances of it from settings (one per configured database).
 *
 * The contract, for every store type:
 * - Keys and values are arbitrary bytes; keys are ordered bytewise (memcmp, a shorter key before its
 *   extensions). propdesk writes keys of 1 to 511 bytes and values of at most 64 MiB.
 * - A read transaction (begin with write = 0) is a consistent snapshot: it sees every write
 *   transaction committed before it began and nothing committed afterwards.
 * - A write transaction (write = 1) sees its own writes. commit() makes all of them durable (they
 *   survive a crash of the process and of the machine, as far as the medium allows) and visible,
 *   or applies none of them; abort() applies none of them.
 * - Writers are serialised by the backend across processes: several processes may open the same
 *   database, and begin(write = 1) waits while another process writes. Within one process propdesk
 *   never has two write transactions of one instance open at once.
 *
 * Threads: open, describe and close may be called from any thread (close after the last
 * transaction of that instance ended). Any number of read transactions may be open at once, on one
 * instance, from any number of threads, together with one write transaction. A transaction is used
 * by one thread at a time, and is ended (commit or abort) by the thread that began it.
 *
 * Status codes: PROPDESK_STATUS_OK; PROPDESK_STATUS_INVALID for bad settings (open: name the
 * setting) or a key or value the backend cannot take (say its size and the limit);
 * PROPDESK_STATUS_RETRY for a temporary failure (a lock held too long); PROPDESK_STATUS_FAILED for
 * anything else (I/O, a full disk or map, a corrupted file). On any status but OK, `error` says what
 * went wrong; propdesk turns it into a StoreError naming the plugin, the store type and the
 * instance's description.
 *
 * Ownership: `user` and `release` as for propdesk_notifier_type. An instance made by open() is
 * closed by exactly one close(instance) call, after its last transaction ended. A transaction made
 * by begin() is ended by exactly one commit(txn) or abort(txn) call, after which `txn` is gone. */
typedef struct propdesk_kv_store_type {
  uint32_t size;           /* sizeof(propdesk_kv_store_type) in the plugin's build */
  const char* name;        /* unique among all store types: [a-z][a-z0-9_.-]*, at most 64 */
  const char* description; /* one line for listings; may be NULL */
  void* user;              /* passed to open and release */
  /* Opens a database from its settings. On PROPDESK_STATUS_OK sets *instance (it may be NULL if the
   * plugin needs no state); otherwise explains in `error` (PROPDESK_STATUS_INVALID for bad or
   * unknown settings: name the setting). */
  propdesk_status (*open)(void* user, const propdesk_setting* settings, size_t setting_count,
                          void** instance, char* error, size_t error_size);
  /* Writes one line naming the backend and where its data is ("lmdb /var/lib/propdesk/desk.lmdb")
   * into `text`, for messages. May be NULL: propdesk then uses the store type's name. */
  void (*describe)(void* instance, char* text, size_t text_size);
  /* Closes an instance (every transaction on it has ended). */
  void (*close)(void* instance);
  /* Begins a read transaction (write = 0) or a write transaction (write = 1; waits for writers of
   * other processes). On PROPDESK_STATUS_OK sets *txn (not NULL). */
  propdesk_status (*begin)(void* instance, int32_t write, void** txn, char* error,
                           size_t error_size);
  /* Looks `key` up. On PROPDESK_STATUS_OK sets *found to 1 and *value to the value, or *found to 0.
   * The value's bytes belong to the plugin and stay valid until the next call on this transaction
   * (propdesk copies them at once). */
  propdesk_status (*get)(void* txn, propdesk_bytes key, propdesk_bytes* value, int32_t* found,
                         char* error, size_t error_size);
  /* Calls visit(visit_user, key, value) for each key k with from <= k < to, in ascending order; an
   * empty `to` means no upper bound. The bytes passed to visit are valid only during that visit
   * call. visit returns 1 to go on and 0 to stop; then scan stops and returns PROPDESK_STATUS_OK.
   * visit never throws, and never calls into this transaction. */
  propdesk_status (*scan)(void* txn, propdesk_bytes from, propdesk_bytes to,
                          int32_t (*visit)(void* visit_user, propdesk_bytes key,
                                           propdesk_bytes value),
                          void* visit_user, char* error, size_t error_size);
  /* Stores `value` under `key`, replacing what was there (write transactions only). */
  propdesk_status (*put)(void* txn, propdesk_bytes key, propdesk_bytes value, char* error,
                         size_t error_size);
  /* Removes `key`; OK when it is absent (write transactions only). */
  propdesk_status (*erase)(void* txn, propdesk_bytes key, char* error, size_t error_size);
  /* Commits: on PROPDESK_STATUS_OK every write of the transaction is durable and visible; on any
   * other status none of them happened. Ends the transaction either way (also a read
   * transaction's: nothing to apply). */
  propdesk_status (*commit)(void* txn, char* error, size_t error_size);
  /* Ends the transaction and drops its writes. */
  void (*abort)(void* txn);
  /* Frees `user`. May be NULL. */
  void (*release)(void* user);
} propdesk_kv_store_type;

/* ---------------------------------------------------------------------------------------------
 * Registration
 * ------------------------------------------------------------------------------------------- */

/* Log levels for propdesk_host.log. */
#define PROPDESK_LOG_INFO 0
#define PROPDESK_LOG_WARNING 1
#define PROPDESK_LOG_ERROR 2

/* What propdesk gives the register function. Valid only during that call: do not keep the pointer
 * or call its functions afterwards.
 *
 * Registration is all or nothing: what a plugin adds is kept only if every add_ call succeeded and
 * the register function returned PROPDESK_STATUS_OK. Otherwise propdesk drops all of it (calling
 * the release functions) and refuses the plugin. */
typedef struct propdesk_host {
  uint32_t size; /* sizeof(propdesk_host) in propdesk's build */
  uint32_t api_major;
  uint32_t api_minor;
  void* context; /* pass back to the functions below */
  /* The settings the configuration gives this plugin (`load: [{name, settings}]`); may be empty. */
  const propdesk_setting* settings;
  size_t setting_count;
  /* Add a notifier type, an escalation rule, a dispatch strategy. propdesk copies the table (the
   * first `size` bytes it knows) and its strings. Returns PROPDESK_STATUS_OK, or
   * PROPDESK_STATUS_INVALID with the reason in `error` (a NULL or malformed name, a missing
   * function, a name already provided by another plugin or built in). */
  propdesk_status (*add_notifier)(void* context, const propdesk_notifier_type* type, char* error,
                                  size_t error_size);
  propdesk_status (*add_escalation_rule)(void* context, const propdesk_escalation_rule* rule,
                                         char* error, size_t error_size);
  propdesk_status (*add_dispatch_strategy)(void* context,
                                           const propdesk_dispatch_strategy* strategy, char* error,
                                           size_t error_size);
  /* Reports a message (NUL-terminated UTF-8) in propdesk's plugin messages, with the plugin named. */
  void (*log)(void* context, int32_t level, const char* message);
  /* --- API 1.1: present only when PROPDESK_HOST_HAS(host, add_kv_store); a propdesk that loads
   * 1.0 plugins only has a smaller table: check before calling. --- */
  /* Adds a key-value store type, like add_notifier. */
  propdesk_status (*add_kv_store)(void* context, const propdesk_kv_store_type* type, char* error,
                                  size_t error_size);
} propdesk_host;

/* Whether the host table `host` (a const propdesk_host*) has `member`: its size covers it. Members
 * added after API 1.0 (add_kv_store) must be checked before use. */
#define PROPDESK_HOST_HAS(host, member) \
  ((host)->size >= offsetof(propdesk_host, member) + sizeof((host)->member))

/* The descriptor a plugin's entry point returns. It must stay valid and unchanged for as long as the
 * process runs (a static const object). */
typedef struct propdesk_plugin_descriptor {
  /* These three members come first in every version of this interface. */
  uint32_t api_major; /* PROPDESK_PLUGIN_API_MAJOR of the header the plugin was built with */
  uint32_t api_minor; /* PROPDESK_PLUGIN_API_MINOR of that header */
  uint32_t size;      /* sizeof(propdesk_plugin_descriptor) in the plugin's build */
  /* The plugin's name, unique among loaded plugins: [a-z][a-z0-9_.-]*, at most 64 bytes. The
   * configuration loads plugins by this name. */
  const char* name;
  const char* version;     /* the plugin's own version, e.g. "1.2.0"; may be NULL */
  const char* description; /* one line for listings; may be NULL */
  /* Adds what the plugin provides through `host`. Returns PROPDESK_STATUS_OK, or another status
   * with the reason in `error` (e.g. a setting is missing); then the plugin is refused. Called once
   * by each registry that loads the plugin (usually one per process), again after a refusal: keep
   * state in what you register (`user`), not in globals. */
  propdesk_status (*register_plugin)(const propdesk_host* host, char* error, size_t error_size);
} propdesk_plugin_descriptor;

/* The entry point's type. Define it as
 *
 *     PROPDESK_PLUGIN_EXPORT const propdesk_plugin_descriptor* propdesk_plugin_entry(void) { ... }
 *
 * (inside extern "C" in C++). It must not fail and must not have side effects: propdesk calls it
 * to list plugins too, for plugins it does not register. */
typedef const propdesk_plugin_descriptor* (*propdesk_plugin_entry_fn)(void);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* PROPDESK_PLUGIN_API_H */
