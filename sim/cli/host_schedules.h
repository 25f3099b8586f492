#pragma once

// The schedules `hsim validate-host` runs both for real and in simulation.
#include "board/board_spec.h"
#include "graph/network.h"
#include "kernels/measured_compute.h"
#include "schedule/schedule.h"

namespace hsim::cli {

// Every non-view op on core 0 of the board's first CPU, in network order.
sim::Schedule one_core_schedule(const sim::Network& network, const sim::BoardSpec& board);

// HEFT (explorer/baselines/list_scheduling.h) over `cores` cores of the board's first CPU, with
// each op costing its measured one-thread time (its kernel model's compute time where the
// profile lacks it): independent branches (GoogLeNet's inception branches, residual shortcuts)
// go to different cores. Communication is free (the cores share memory).
sim::Schedule branch_parallel_schedule(const sim::Network& network, const sim::BoardSpec& board,
                                       const sim::MeasuredCompute& times, int cores);

}  // namespace hsim::cli
