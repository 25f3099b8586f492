// ONNX import speed: parse, shape inference, graph building and cost annotation.
// The shipped models are graph-only; set HSIM_BENCH_FULL_MODEL to a full-weight export
// (`models/export_models.py --embed-weights --out-dir DIR`) to time a ~100 MB file too.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <string>

#include "onnx/onnx_loader.h"

namespace {

void load_model(benchmark::State& state, const std::string& path) {
  for (auto _ : state) {
    auto loaded = hsim::sim::load_onnx_file(path);
    benchmark::DoNotOptimize(loaded.network.ops().size());
  }
}

void register_benchmarks() {
  for (const char* name : {"resnet50", "resnet18", "mobilenet_v2", "googlenet", "squeezenet1_1",
                           "transformer_encoder"}) {
    const std::string path = std::string(HSIM_MODELS_DIR) + "/" + name + ".onnx";
    benchmark::RegisterBenchmark((std::string("import/") + name).c_str(), load_model, path)
        ->Unit(benchmark::kMillisecond);
  }
  if (const char* full = std::getenv("HSIM_BENCH_FULL_MODEL"))
    benchmark::RegisterBenchmark("import/full_weights", load_model, std::string(full))
        ->Unit(benchmark::kMillisecond);
}

const int registered = (register_benchmarks(), 0);

}  // namespace
