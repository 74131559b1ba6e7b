# Sourced by the install tests: install_scratch BUILD_DIR [SANITIZERS] installs the built propdesk
# into a scratch prefix ($work/prefix, removed on exit) and sets `flags` to the CMake options an
# outside project needs (a sanitizer build installs an instrumented library: the outside program
# must link the runtime too).
install_scratch() {
  local build=$1 sanitize=${2:-}
  flags=()
  if [[ -n $sanitize ]]; then
    flags=("-DCMAKE_CXX_FLAGS=-fsanitize=$sanitize" "-DCMAKE_EXE_LINKER_FLAGS=-fsanitize=$sanitize"
           "-DCMAKE_MODULE_LINKER_FLAGS=-fsanitize=$sanitize")
  fi
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  cmake --install "$build" --prefix "$work/prefix" >/dev/null
}
