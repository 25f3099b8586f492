// report.html from a hand-built run (no simulation): what the page embeds, with waits, merged
// transfers, bandwidth bins and energy parts checked against values worked out by hand.
#include "reports/html_report.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "support/test_boards.h"

namespace {

using hsim::sim::Picoseconds;
using nlohmann::json;

constexpr Picoseconds kNs = 1000;

// x -> a -> ta; b(ta), c(ta); v = Reshape(ta) (a view); d(v). Op a's name tries to close the
// script element the data sits in.
hsim::sim::Network small_network() {
  using namespace hsim::sim;
  NetworkBuilder builder(NetworkInfo{"test.onnx", "g", "", 8, 17});
  auto tensor = [&](const std::string& name, TensorRole role) {
    Tensor t;
    t.name = name;
    t.shape = {1, 8};
    t.role = role;
    return builder.add_tensor(t);
  };
  const TensorId x = tensor("x", TensorRole::kGraphInput);
  builder.mark_input(x);
  auto op = [&](const std::string& name, const std::string& type, TensorId in, TensorId out,
                bool view = false) {
    Op o;
    o.name = name;
    o.type = type;
    o.inputs = {in};
    o.outputs = {out};
    o.cost.is_view = view;
    builder.add_op(o);
  };
  const TensorId ta = tensor("ta", TensorRole::kActivation);
  const TensorId tb = tensor("tb", TensorRole::kActivation);
  const TensorId tc = tensor("tc", TensorRole::kActivation);
  const TensorId tv = tensor("tv", TensorRole::kActivation);
  const TensorId td = tensor("td", TensorRole::kActivation);
  op("a</script><!--", "Relu", x, ta);
  op("b", "Relu", ta, tb);
  op("c", "Relu", ta, tc);
  op("v", "Reshape", ta, tv, true);
  op("d", "Relu", tv, td);
  for (TensorId t : {tb, tc, td}) builder.mark_output(t);
  return std::move(builder).build();
}

hsim::sim::OpTiming timing(hsim::sim::OpId op, size_t core, Picoseconds start, Picoseconds end) {
  hsim::sim::OpTiming t;
  t.op = op;
  t.core = core;
  t.start = start;
  t.end = end;
  t.compute = (end - start) / 4;
  return t;
}

struct Fixture {
  hsim::sim::Network net = small_network();
  hsim::sim::BoardSpec board = [] {
    hsim::testing::TestBoard b;
    b.cpu_cores = 2;
    return b.build();
  }();
  std::vector<hsim::sim::CoreInfo> cores = {{"soc.cpu0", 0, 0, 0}, {"soc.cpu1", 0, 0, 1}};
  hsim::sim::Schedule schedule;
  hsim::sim::ScheduleResult result;

  Fixture() {
    schedule.tasks.resize(3);
    schedule.tasks[0].ops = {"a</script><!--"};
    schedule.tasks[1].ops = {"b", "c"};
    schedule.tasks[2].ops = {"d"};
    // a on cpu0; b on cpu1 once a is done; c after b on cpu1; d (through the view) on cpu0.
    result.ops = {timing(0, 0, 0, 100 * kNs), timing(1, 1, 100 * kNs, 200 * kNs),
                  timing(2, 1, 200 * kNs, 250 * kNs), timing(4, 0, 100 * kNs, 300 * kNs)};
    result.inferences = {{0, 300 * kNs}};
    auto& run = result.run;
    run.latency = 300 * kNs;
    run.core_finish = {300 * kNs, 250 * kNs};
    // cpu0's port moves 2 bytes per ps for the whole run; cpu1's moves three short bursts, the
    // first two closer than 1/2000 of the run (150 ps) apart.
    run.transfers = {{"soc.cpu0_port", 0, 0, 300 * kNs, 600'000, false},
                     {"soc.cpu1_port", 0, 0, 1000, 10, false},
                     {"soc.cpu1_port", 0, 1100, 2000, 20, true},
                     {"soc.cpu1_port", 0, 5000, 6000, 40, false}};
    run.dram_bytes = 1000;
    run.stats = {{"soc.dram.ch0.bytes", 1000, "B", ""},
                 {"soc.cpu0_port.bytes", 600'000, "B", ""},
                 {"soc.cpu1_port.bytes", 70, "B", ""},
                 {"soc.dynamic_energy", 100 * 1000 + 5000, "fJ", ""},  // test board: 100 fJ/B DRAM
                 {"soc.cpu0.compute_busy", 75 * kNs, "ps", ""}};
    run.energy = 105'000;
  }

  std::string write(const std::string& timestamp) const {
    std::ostringstream out;
    hsim::reports::write_html_report(
        net, board, cores, {{"first", &schedule, &result}, {"second", &schedule, &result}}, 0,
        {"nets/small.onnx", "9.9", "hsim --net x", timestamp}, out);
    return out.str();
  }
};

json embedded_data(const std::string& page) {
  const std::string open = "<script type=\"application/json\" id=\"hsim-data\">";
  const size_t from = page.find(open) + open.size();
  return json::parse(page.substr(from, page.find("</script>", from) - from));
}

size_t count(const std::string& text, const std::string& part) {
  size_t n = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

// Rows of a {"fields", "rows"} table as objects.
std::vector<json> rows(const json& table) {
  std::vector<json> out;
  for (const auto& row : table["rows"]) {
    json o;
    for (size_t i = 0; i < table["fields"].size(); ++i)
      o[table["fields"][i].get<std::string>()] = row[i];
    out.push_back(o);
  }
  return out;
}

TEST(HtmlReport, EmbeddedDataRoundTripsAndNoNameEscapesItsElement) {
  const std::string page = Fixture().write("2024-01-01T00:00:00Z");
  // Three scripts (error recorder, data, charts) and nothing else closes one.
  EXPECT_EQ(count(page, "</script>"), 3u);
  EXPECT_EQ(count(page, "<!--"), 0u);
  for (const char* external : {"<link", " src=", "url(http", "@import"})
    EXPECT_EQ(page.find(external), std::string::npos) << "an external resource: " << external;
  const json data = embedded_data(page);
  EXPECT_EQ(data["ops"]["rows"][0][0], "a</script><!--");
  EXPECT_EQ(data["timings"]["rows"].size(), 4u);
  EXPECT_EQ(data["strategies"].size(), 2u);
  EXPECT_EQ(data["meta"]["net"], "small");
  // Two cores ran ops, then one lane per channel that moved data.
  ASSERT_EQ(data["lanes"].size(), 4u);
  EXPECT_EQ(data["lanes"][0]["name"], "soc.cpu0");
  EXPECT_EQ(data["lanes"][1]["name"], "soc.cpu1");
  EXPECT_EQ(data["lanes"][2]["name"], "soc.cpu0_port");
  EXPECT_EQ(data["lanes"][3]["kind"], "channel");
}

TEST(HtmlReport, WaitsAreChargedToTheLateInputOrToTheBusyCore) {
  const auto t = rows(embedded_data(Fixture().write("t"))["timings"]);
  ASSERT_EQ(t.size(), 4u);
  // a: nothing to wait for.
  EXPECT_EQ(t[0]["ready"], 0);
  EXPECT_EQ(t[0]["wait"], "");
  // b: cpu1 was free from 0, a finished at 100 ns: it waited for its input, op row 0 (a).
  EXPECT_EQ(t[1]["ready"], 100 * kNs);
  EXPECT_EQ(t[1]["core_free"], 0);
  EXPECT_EQ(t[1]["wait"], "input");
  EXPECT_EQ(t[1]["after"], 0);
  // c: its input was there at 100 ns, cpu1 was busy with b (op row 1) until 200 ns.
  EXPECT_EQ(t[2]["ready"], 100 * kNs);
  EXPECT_EQ(t[2]["core_free"], 200 * kNs);
  EXPECT_EQ(t[2]["wait"], "core");
  EXPECT_EQ(t[2]["after"], 1);
  // d reads a through the view and starts on cpu0 the moment a ends: no wait.
  EXPECT_EQ(t[3]["ready"], 100 * kNs);
  EXPECT_EQ(t[3]["wait"], "");
  // b and c form one linked task (task 1); a and d are alone.
  EXPECT_EQ(t[0]["group"], -1);
  EXPECT_EQ(t[1]["group"], 1);
  EXPECT_EQ(t[2]["group"], 1);
}

TEST(HtmlReport, TransfersMergeAcrossShortGapsAndBandwidthSpreadsBytesEvenly) {
  const json data = embedded_data(Fixture().write("t"));
  const auto x = rows(data["transfers"]);
  ASSERT_EQ(x.size(), 3u);  // cpu0's one span; cpu1's first two merged, the third alone
  EXPECT_EQ(x[1]["lane"], 3);
  EXPECT_EQ(x[1]["start"], 0);
  EXPECT_EQ(x[1]["end"], 2000);
  EXPECT_EQ(x[1]["bytes"], 30);
  EXPECT_EQ(x[1]["count"], 2);
  EXPECT_EQ(x[1]["written"], 20);
  EXPECT_EQ(x[2]["bytes"], 40);
  // 200 bins of 1.5 ns; 2 B/ps = 2000 GB/s in every bin cpu1's bursts (the first 6 ns) miss.
  const auto& bins = data["bandwidth"]["devices"][0]["gbps"];
  ASSERT_EQ(bins.size(), 200u);
  EXPECT_EQ(data["bandwidth"]["bin_ps"], 1500.0);
  for (size_t b = 4; b < bins.size(); ++b) EXPECT_DOUBLE_EQ(bins[b].get<double>(), 2000.0) << b;
  // Bin 0 (0..1.5 ns) also holds 10 B over 1 ns and 20 B x 0.4/0.9 of the second burst.
  EXPECT_NEAR(bins[0].get<double>(), 2000.0 + (10 + 20 * 0.4 / 0.9) * 1000 / 1500, 0.01);
}

TEST(HtmlReport, EnergyPartsSumToTheRunEnergy) {
  const auto parts = rows(embedded_data(Fixture().write("t"))["energy"]);
  std::map<std::string, int64_t> fj;
  int64_t sum = 0;
  for (const auto& p : parts) {
    fj[p["part"]] = p["fj"];
    sum += p["fj"].get<int64_t>();
  }
  EXPECT_EQ(sum, 105'000);
  EXPECT_EQ(fj["DRAM"], 100'000);   // 1000 B x 100 fJ/B
  EXPECT_EQ(fj["compute"], 5'000);  // dynamic energy minus data movement
  EXPECT_EQ(fj.count("other"), 0u);
}

TEST(HtmlReport, OnlyTheTimestampLineDiffers) {
  const Fixture fixture;
  const std::string one = fixture.write("2024-01-01T00:00:00Z");
  const std::string two = fixture.write("2025-06-30T12:34:56Z");
  EXPECT_NE(one, two);
  auto strip = [](const std::string& page) {
    std::istringstream in(page);
    std::string line, out;
    while (std::getline(in, line))
      if (line.find("data-hsim-timestamp") == std::string::npos) out += line + '\n';
    return out;
  };
  EXPECT_EQ(strip(one), strip(two));
  EXPECT_EQ(count(one, "2024-01-01T00:00:00Z"), 2u);  // attribute and text, one line
}

}  // namespace
