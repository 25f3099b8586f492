#pragma once

// What commands that take `--profile FILE` share: loading a measured profile, and saying which
// of a schedule's ops it prices and which fall back to the kernel models.
#include <iosfwd>
#include <memory>
#include <string>

#include "board/board_spec.h"
#include "graph/network.h"
#include "profile/profile_times.h"
#include "schedule/schedule.h"

namespace hsim::cli {

// nullptr for an empty path.
std::unique_ptr<sim::ProfileTimes> load_profile_option(const std::string& path);

// One line, "Profile P: N of M scheduled ops measured; modelled: Conv 2 (e.g. /x), ...", and
// nothing without a profile. Each task is checked the way the runner prices it (its chain's
// group time, else each op alone, on its PU kind and dtype, one thread).
void print_profile_coverage(const sim::Network& network, const sim::BoardSpec& board,
                            const sim::Schedule& schedule, const sim::ProfileTimes* times,
                            const std::string& path, std::ostream& out);

}  // namespace hsim::cli
