#include "plugin/shared_object.hpp"

#include <dlfcn.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>

namespace propdesk::plugin {

namespace {

// "" when the file starts with the ELF magic, otherwise why it is not a shared object.
std::string elf_problem(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::string("cannot be read: ") + std::strerror(errno);
  std::array<char, 4> magic{};
  in.read(magic.data(), magic.size());
  if (in.gcount() != 4 || magic != std::array<char, 4>{'\x7f', 'E', 'L', 'F'})
    return "not a shared object (no ELF header)";
  return {};
}

}  // namespace

std::variant<propdesk_plugin_entry_fn, std::string> open_plugin_file(const std::filesystem::path& file) {
  if (std::string problem = elf_problem(file); !problem.empty()) return problem;
  // RTLD_LOCAL: a plugin's symbols do not resolve another's; RTLD_NOW: an unresolved symbol is
  // an error now, not a crash later. Never dlclose'd (see the header).
  void* handle = ::dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    const char* why = ::dlerror();
    return std::string("cannot be loaded: ") + (why != nullptr ? why : "dlopen failed");
  }
  ::dlerror();  // clear
  void* entry = ::dlsym(handle, PROPDESK_PLUGIN_ENTRY_NAME);
  if (entry == nullptr) {
    return std::string("no entry point '" PROPDESK_PLUGIN_ENTRY_NAME
                       "' (not a propdesk plugin, or the function is not extern \"C\" and exported)");
  }
  // POSIX guarantees that a data pointer from dlsym converts to a function pointer.
  return reinterpret_cast<propdesk_plugin_entry_fn>(entry);
}

}  // namespace propdesk::plugin
