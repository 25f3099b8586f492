#pragma once

// What the search may choose for each op of a network on a board: the PUs that can run it, the
// axes it can be split along, the successors it can be linked with. Built once per search; the
// genome codec and the variation operators only read it.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "board/board_spec.h"
#include "graph/network.h"
#include "schedule/schedule.h"

namespace hsim::explorer {

// Which parts of the space are open; tests close some to make the space small enough to
// enumerate.
struct SpaceOptions {
  bool splits = true;           // an op may be split across several cores of one PU
  bool unequal_shares = true;   // a split may give its cores unequal shares
  bool links = true;            // an op may be linked with a successor
  int64_t priority_levels = 4;  // priorities drawn at random lie in [0, levels)
  bool kernel_choices = true;   // a matrix op may fix its tiling's loop order, weight residency
                                // and double buffering (sim::KernelChoice)
};

// A PU of the board work can be placed on.
struct Place {
  size_t device = 0;
  size_t pu = 0;
  const sim::PuSpec* spec = nullptr;
  std::string device_name;  // as decoded schedules name it: empty on a one-device board
};

struct GeneChoices {
  sim::OpId op = 0;
  std::vector<uint32_t> places;  // places that can run it (support the type, compute a dtype)
  std::vector<std::optional<sim::DType>> dtype;  // per place: its baseline element type, if any
  std::vector<sim::SplitAxis> split_axes;        // axes it can be cut along into 2 or more parts
  std::vector<uint32_t> split_places;            // places of `places` with two or more cores
  bool kernel_tunable = false;  // a matrix op (Conv, ConvTranspose, Gemm, MatMul) some NPU or
                                // DSP can run: its KernelChoice matters
  // Genes it may be linked with as their chain predecessor: ops reading its output directly
  // (not through a view) that some place can run together with it. Whether a link would make
  // tasks wait on each other depends on the other links: the decoder checks that.
  std::vector<uint32_t> link_targets;
  std::vector<uint32_t> depends_on;  // genes whose outputs it reads, through views
  std::vector<uint32_t> used_by;     // genes that read its outputs, through views
};

class SearchSpace {
 public:
  // Throws InputError when some op can run on no PU of the board.
  SearchSpace(const sim::Network& network, const sim::BoardSpec& board, SpaceOptions options = {});

  const sim::Network& network() const { return network_; }
  const sim::BoardSpec& board() const { return board_; }
  const SpaceOptions& options() const { return options_; }
  const std::vector<Place>& places() const { return places_; }

  size_t size() const { return genes_.size(); }  // genes (non-view ops)
  const GeneChoices& gene(size_t index) const { return genes_.at(index); }
  std::optional<size_t> gene_of(sim::OpId op) const;
  std::optional<uint32_t> place_of(const std::string& device, const std::string& pu) const;
  bool can_run(size_t gene, uint32_t place) const {
    return place < places_.size() && genes_[gene].dtype[place].has_value();
  }
  // Whether the gene's KernelChoice changes anything when it runs on `place`: a matrix op on an
  // NPU or DSP (CPU kernels and other ops ignore it).
  bool kernel_choice_matters(size_t gene, uint32_t place) const;

  // Genes each variation operator can act on (possibly empty).
  const std::vector<uint32_t>& movable() const { return movable_; }
  const std::vector<uint32_t>& splittable() const { return splittable_; }
  const std::vector<uint32_t>& linkable() const { return linkable_; }
  const std::vector<uint32_t>& kernel_tunable() const { return kernel_tunable_; }

 private:
  const sim::Network& network_;
  const sim::BoardSpec& board_;
  SpaceOptions options_;
  std::vector<Place> places_;
  std::vector<GeneChoices> genes_;
  std::vector<int64_t> gene_of_op_;  // -1 for views
  std::vector<uint32_t> movable_, splittable_, linkable_, kernel_tunable_;
};

}  // namespace hsim::explorer
