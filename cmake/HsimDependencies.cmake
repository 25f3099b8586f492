# Every dependency comes from a Debian package; nothing is fetched at configure or build time.
find_package(PkgConfig REQUIRED)
pkg_check_modules(SystemC REQUIRED IMPORTED_TARGET systemc>=2.3.3)
find_package(yaml-cpp REQUIRED)
find_package(fmt REQUIRED)
find_package(Boost 1.74 REQUIRED COMPONENTS graph)
find_package(Protobuf REQUIRED)
find_package(ONNX REQUIRED)
find_package(CLI11 REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(Threads REQUIRED)
# oneDNN (libdnnl-dev) runs ops for real on the host (hsim profile, validate-host); Debian's build
# threads with OpenMP, which hsim links to set each thread's team size. Its CMake package also
# demands OpenCL headers for its GPU runtime, which hsim never uses, so the library and header
# are found directly.
find_path(DNNL_INCLUDE_DIR dnnl.hpp REQUIRED)
find_library(DNNL_LIBRARY dnnl REQUIRED)
add_library(DNNL::dnnl UNKNOWN IMPORTED)
set_target_properties(DNNL::dnnl PROPERTIES IMPORTED_LOCATION "${DNNL_LIBRARY}"
                                            INTERFACE_INCLUDE_DIRECTORIES "${DNNL_INCLUDE_DIR}")
find_package(OpenMP REQUIRED COMPONENTS CXX)
# MPI (Debian's libopenmpi-dev) for `mpirun ... hsim sweep` and `hsim explore --islands`: optional;
# without it those report that hsim was built without MPI.
set(HSIM_HAVE_MPI OFF)
# hsim calls MPI's C API from C++ (the project enables no C compiler): the CXX component without
# the old C++ bindings.
if(HSIM_MPI)
  set(MPI_CXX_SKIP_MPICXX ON)
  find_package(MPI COMPONENTS CXX)
  if(MPI_CXX_FOUND)
    set(HSIM_HAVE_MPI ON)
  else()
    message(STATUS "hsim: MPI not found; building without distributed sweeps (install libopenmpi-dev)")
  endif()
endif()
if(HSIM_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
if(HSIM_BUILD_BENCHMARKS)
  find_package(benchmark REQUIRED)
endif()
