# propdesk_add_plugin(<target> <source>...): a propdesk plugin (see docs/plugins.md).
#
# Makes a MODULE library <target>.so (no "lib" prefix) that links propdesk::plugin_api (the C header
# propdesk/plugin_api.h and the C++ helpers propdesk/plugin_sdk.hpp; no propdesk library), with every
# symbol hidden except the entry point and no undefined symbols left for dlopen to trip over.
# Used for the plugins shipped with propdesk and, from the installed package, for anyone else's.
function(propdesk_add_plugin target)
  add_library(${target} MODULE ${ARGN})
  set_target_properties(${target} PROPERTIES PREFIX ""
                                             C_VISIBILITY_PRESET hidden
                                             CXX_VISIBILITY_PRESET hidden
                                             VISIBILITY_INLINES_HIDDEN ON)
  target_link_libraries(${target} PRIVATE propdesk::plugin_api)
  target_link_options(${target} PRIVATE LINKER:--no-undefined)
endfunction()
