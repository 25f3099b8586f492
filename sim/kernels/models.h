#pragma once

#include "kernels/kernel_model.h"

// The built-in kernel models, one file each; each registers itself for its PU kind.
namespace hsim::sim {

void register_npu_kernel_model(KernelModelRegistry& registry);  // npu_kernel_model.cpp
void register_dsp_kernel_model(KernelModelRegistry& registry);  // dsp_kernel_model.cpp
void register_cpu_kernel_model(KernelModelRegistry& registry);  // cpu_kernel_model.cpp

}  // namespace hsim::sim
