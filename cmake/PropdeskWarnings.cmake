# propdesk_set_warnings(target): the project's warning set; errors when PROPDESK_WERROR is on.
function(propdesk_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                           -Wold-style-cast -Wcast-align -Woverloaded-virtual)
  if(PROPDESK_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
    if(PROPDESK_SANITIZE)
      # Sanitizer instrumentation confuses GCC 12's flow analysis: -Wmaybe-uninitialized then fires
      # inside libstdc++ (std::regex, std::function) and Boost.Signals2. Still shown, not fatal.
      target_compile_options(${target} PRIVATE -Wno-error=maybe-uninitialized)
    endif()
  endif()
endfunction()

if(PROPDESK_SANITIZE)
  add_compile_options(-fsanitize=${PROPDESK_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${PROPDESK_SANITIZE})
endif()
