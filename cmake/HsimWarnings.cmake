# hsim_set_warnings(<target>): the project's warning set, applied to hsim's own targets only so
# that third-party headers (included as SYSTEM) stay quiet.
function(hsim_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow
                                           -Wnon-virtual-dtor)
  if(HSIM_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
