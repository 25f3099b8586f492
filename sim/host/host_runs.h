#pragma once

// Timing runs of a network's units on this machine. Wall-clock times (steady_clock), medians of
// repetitions after one warm-up run, so page faults and first-touch costs stay out.
#include <cstddef>
#include <vector>

#include "host/host_session.h"

namespace hsim::sim::host {

// Each unit's time (seconds) in each of `repetitions` runs of the units one after another with
// `threads` oneDNN threads (after a warm-up run when `warm_up`); units that cannot run, and
// views, get no samples.
std::vector<std::vector<double>> time_unit_samples(std::vector<HostUnit>& units,
                                                   dnnl::engine& engine, int threads,
                                                   int repetitions, bool warm_up = true);
// The median of each unit's samples (0 without samples).
std::vector<double> time_units(std::vector<HostUnit>& units, dnnl::engine& engine, int threads,
                               int repetitions);
double median_of(std::vector<double> values);

// Median over `repetitions` of the whole sequence's time (seconds), units run back to back.
double time_sequence(std::vector<HostUnit>& units, dnnl::engine& engine, int threads,
                     int repetitions, bool warm_up = true);

// Units placed on cores: per core, the units it runs in order; per unit, the units whose
// outputs it reads (deps[u]). Each core is a thread running its units with one oneDNN thread,
// sleeping (a futex) until its dependencies on other cores are done.
struct CorePlan {
  std::vector<std::vector<size_t>> per_core;
  std::vector<std::vector<size_t>> deps;
};

// Median over `repetitions` of the time from the common start to the last unit's end (seconds).
double time_on_cores(std::vector<HostUnit>& units, dnnl::engine& engine, const CorePlan& plan,
                     int repetitions, bool warm_up = true);

// For each unit, the non-view units whose outputs its ops read (through views), within `units`.
std::vector<std::vector<size_t>> unit_dependencies(const Network& network,
                                                   const std::vector<HostUnit>& units);

}  // namespace hsim::sim::host
