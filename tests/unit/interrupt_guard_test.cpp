// Ctrl-C during a search: the first SIGINT is a request (the search stops after its generation
// and writes the best so far), a second one half a second or more later ends the process the
// default way, and one sooner is the same request again. raise() runs the handler before it
// returns, so each step is deterministic.
#include <gtest/gtest.h>

#include <time.h>

#include <csignal>
#include <cstdlib>

#include "cli/explore_progress.h"

using hsim::cli::InterruptGuard;

namespace {

void sleep_ms(long ms) {
  struct timespec t {ms / 1000, (ms % 1000) * 1'000'000L};
  while (nanosleep(&t, &t) != 0) {
  }
}

}  // namespace

TEST(InterruptGuard, TheFirstSigintIsARequestALaterSecondEndsTheProcess) {
  EXPECT_EXIT(
      {
        InterruptGuard guard;
        if (InterruptGuard::requested()) std::_Exit(2);
        std::raise(SIGINT);
        if (!InterruptGuard::requested()) std::_Exit(3);
        sleep_ms(600);
        std::raise(SIGINT);
        std::_Exit(0);  // not reached: the second SIGINT kills
      },
      ::testing::KilledBySignal(SIGINT), "");
}

TEST(InterruptGuard, ASigintRightAfterTheFirstIsTheSameRequest) {
  EXPECT_EXIT(
      {
        InterruptGuard guard;
        std::raise(SIGINT);
        std::raise(SIGINT);  // as timeout(1) sends: to the command, then to its process group
        std::_Exit(InterruptGuard::requested() ? 0 : 1);
      },
      ::testing::ExitedWithCode(0), "");
}

TEST(InterruptGuard, TheHandlerBeforeComesBackAndANewGuardStartsUnrequested) {
  EXPECT_EXIT(
      {
        std::signal(SIGINT, SIG_IGN);
        {
          InterruptGuard guard;
          std::raise(SIGINT);
        }
        std::raise(SIGINT);  // ignored again
        InterruptGuard next;
        std::_Exit(InterruptGuard::requested() ? 1 : 0);
      },
      ::testing::ExitedWithCode(0), "");
}
