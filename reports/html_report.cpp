#include "reports/html_report.h"

#include <fmt/format.h>

#include <ctime>

#include "reports/format.h"
#include "reports/html/assets.h"
#include "reports/html/page.h"
#include "reports/html/report_data.h"

namespace hsim::reports {

using html::escape_html;
using html::fact;

std::string utc_timestamp_now() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

void write_html_report(const sim::Network& net, const sim::BoardSpec& board,
                       const std::vector<sim::CoreInfo>& cores,
                       const std::vector<ReportStrategy>& strategies, size_t detailed,
                       const ReportMetadata& metadata, std::ostream& out) {
  const html::ReportInputs in{net, board, cores, strategies, detailed, metadata};
  nlohmann::json data = html::overview_data(in);
  data.update(html::timeline_data(in));
  const auto& meta = data["meta"];
  const auto& best = *strategies.at(detailed).result;
  const std::string title = fmt::format("{} on {}", meta["net"].get<std::string>(), board.name);
  const std::string name = strategies.at(detailed).name;

  html::write_page_start(out, "hsim: " + title + " (" + name + ")", html::kReportCss);
  out << "<header>\n<h1>" << escape_html(title) << "</h1>\n<dl class=\"facts\">\n"
      << fact("Network", fmt::format("{} ({} ops)", metadata.network, net.ops().size()))
      << fact("Board", board.name)
      << fact("Strategy", strategies.size() > 1
                              ? fmt::format("{} (best of {})", name, strategies.size())
                              : name)
      << fact(best.inferences.size() > 1 ? "Latency per inference" : "Latency",
              fmt::format("{:.3f} ms", static_cast<double>(best.latency_per_inference()) / 1e9))
      << fact("Throughput", fmt::format("{:.1f} inferences/s", best.throughput()))
      << fact("Energy", fmt::format("{:.3f} mJ", static_cast<double>(best.run.energy) / 1e12))
      << fact("DRAM traffic", binary_bytes(best.run.dram_bytes)) << fact("hsim", metadata.version)
      << "</dl>\n"
      << "<p class=\"cmd\"><code>" << escape_html(metadata.command_line)
      << "</code></p>\n"
      << html::timestamp_line(metadata.timestamp) << "</header>\n";
  out << "<main>\n";
  html::write_run_sections(out, name);
  out << "</main>\n";
  html::write_page_end_elements(out);
  html::write_json_script(out, "hsim-data", data);
  out << "<script>\n" << html::kReportJs << "</script>\n</body>\n</html>\n";
}

}  // namespace hsim::reports
