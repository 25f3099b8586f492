#pragma once

#include <map>
#include <memory>
#include <string>
#include <systemc>

namespace hsim::sim {

// Named events for signal/wait records across cores. An event stays signalled until reset (the
// next run), so a wait after the signal does not block.
class EventBoard {
 public:
  void signal(const std::string& name) {
    auto& state = get(name);
    state.signalled = true;
    state.event.notify();
  }
  void wait_for(const std::string& name) {
    auto& state = get(name);
    if (!state.signalled) sc_core::wait(state.event);
  }
  void reset() {
    for (auto& entry : states_) entry.second->signalled = false;
  }

 private:
  struct State {
    bool signalled = false;
    sc_core::sc_event event;
  };
  State& get(const std::string& name) {
    auto& slot = states_[name];
    if (!slot) slot = std::make_unique<State>();
    return *slot;
  }
  std::map<std::string, std::unique_ptr<State>> states_;
};

}  // namespace hsim::sim
