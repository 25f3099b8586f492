# hsim_set_warnings(<target>): the project's warning set, applied to hsim's own targets only so
# that third-party headers (included as SYSTEM) stay quiet.
function(hsim_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow
                                           -Wnon-virtual-dtor)
  if(HSIM_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
    if(HSIM_SANITIZE AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
      # GCC 12 reports maybe-uninitialized inside libstdc++ (std::regex's std::function) when
      # sanitizers instrument -O1 code: a known false positive, kept as a warning there.
      target_compile_options(${target} PRIVATE -Wno-error=maybe-uninitialized)
    endif()
  endif()
endfunction()
