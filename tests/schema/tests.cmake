# JSON Schema tests (workflows/schema.json, workflows/config.schema.json): a Python script, run by CTest. Included by
# tests/CMakeLists.txt. Needs python3 with PyYAML and jsonschema (Debian 12: python3-yaml and
# python3-jsonschema, installed by scripts/install-deps.sh).

# The first python3 that has both modules: the one on PATH (which may be a virtualenv or pyenv
# without them) or Debian's own.
if(NOT PROPDESK_SCHEMA_PYTHON)
  find_program(_propdesk_path_python3 NAMES python3)
  foreach(candidate IN ITEMS ${_propdesk_path_python3} /usr/bin/python3)
    if(NOT EXISTS "${candidate}")
      continue()
    endif()
    execute_process(COMMAND "${candidate}" -c "import yaml, jsonschema"
                    RESULT_VARIABLE _propdesk_py_rc OUTPUT_QUIET ERROR_QUIET)
    if(_propdesk_py_rc EQUAL 0)
      set(PROPDESK_SCHEMA_PYTHON "${candidate}" CACHE FILEPATH
          "python3 with PyYAML and jsonschema, for the schema tests")
      break()
    endif()
  endforeach()
endif()
if(NOT PROPDESK_SCHEMA_PYTHON)
  message(WARNING "propdesk: no python3 with PyYAML and jsonschema found; the schema.* tests will "
                  "fail until python3-yaml and python3-jsonschema are installed")
  set(_propdesk_schema_python python3)
else()
  set(_propdesk_schema_python "${PROPDESK_SCHEMA_PYTHON}")
endif()

foreach(group IN ITEMS schema workflows good docs broken
                      config-schema config-shipped config-good config-docs config-broken)
  add_test(NAME schema.${group}
           COMMAND ${_propdesk_schema_python} ${CMAKE_CURRENT_LIST_DIR}/schema_test.py ${group})
  set_tests_properties(schema.${group} PROPERTIES TIMEOUT 120 LABELS schema)
endforeach()

# The loader must accept what the schema calls good (tests/schema/good, the documentation's examples).
add_test(NAME schema.loader
         COMMAND ${_propdesk_schema_python} ${CMAKE_CURRENT_LIST_DIR}/schema_test.py loader
                 --propdesk $<TARGET_FILE:propdesk_cli>)
set_tests_properties(schema.loader PROPERTIES TIMEOUT 120 LABELS schema)
