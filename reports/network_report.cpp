#include "network_report.h"

#include <fmt/format.h>

#include <algorithm>

#include "csv.h"
#include "format.h"
#include "table.h"

namespace hsim::reports {

namespace {

std::string tensor_list(const sim::Network& net, const std::vector<sim::TensorId>& ids) {
  std::string s;
  for (sim::TensorId id : ids) {
    const auto& t = net.tensor(id);
    s += fmt::format("{}{}: {} {}", s.empty() ? "" : ", ", t.name, sim::dtype_name(t.dtype),
                     shape_text(t.shape));
  }
  return s;
}

std::string ops_by_type(const sim::NetworkSummary& summary) {
  std::vector<std::pair<std::string, int64_t>> types(summary.ops_by_type.begin(),
                                                     summary.ops_by_type.end());
  std::stable_sort(types.begin(), types.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  std::string s;
  for (const auto& [type, count] : types) s += fmt::format("{}{} {}", s.empty() ? "" : ", ", type, count);
  return s;
}

std::string op_note(const sim::Op& op) {
  if (!op.cost.is_modelled) return "generic cost";
  return op.cost.is_view ? "view" : "";
}

std::string output_shapes(const sim::Network& net, const sim::Op& op) {
  std::string s;
  for (sim::TensorId id : op.outputs) s += (s.empty() ? "" : ",") + shape_text(net.tensor(id).shape);
  return s;
}

}  // namespace

void print_network_summary(const sim::Network& net, const sim::NetworkSummary& summary,
                           std::ostream& out) {
  const auto& info = net.info();
  out << fmt::format("Network      {}\n", info.source);
  out << fmt::format("Format       ONNX IR {}, opset {}{}{}\n", info.ir_version, info.opset,
                     info.producer.empty() ? "" : ", produced by " + info.producer,
                     info.graph_name.empty() ? "" : ", graph '" + info.graph_name + "'");
  out << fmt::format("Inputs       {}\n", tensor_list(net, net.inputs()));
  out << fmt::format("Outputs      {}\n", tensor_list(net, net.outputs()));
  out << fmt::format("Ops          {} ({} view{}{})\n", summary.op_count, summary.view_ops,
                     summary.view_ops == 1 ? "" : "s",
                     summary.unmodelled_ops ? fmt::format(", {} with a generic cost",
                                                          summary.unmodelled_ops)
                                            : "");
  out << fmt::format("Op types     {}\n", ops_by_type(summary));
  out << fmt::format("MACs         {} ({})\n", si_count(summary.macs), grouped(summary.macs));
  out << fmt::format("FLOPs        {} ({})\n", si_count(summary.flops), grouped(summary.flops));
  out << fmt::format("Parameters   {} ({}), {} of weights\n", si_count(summary.parameters),
                     grouped(summary.parameters), binary_bytes(summary.weight_bytes));
  out << fmt::format("Activations  {} in all tensors; input {}, output {}\n",
                     binary_bytes(summary.activation_bytes), binary_bytes(summary.input_bytes),
                     binary_bytes(summary.output_bytes));
  out << fmt::format("Op traffic   {} (weights and activations read and written, summed over "
                     "ops)\n",
                     binary_bytes(summary.traffic_bytes));
}

void print_op_table(const sim::Network& net, std::ostream& out) {
  using Align = Table::Align;
  Table table;
  for (const char* title : {"#", "op", "type", "output"}) table.add_column(title);
  for (const char* title : {"MACs", "FLOPs", "weights", "act in", "act out"})
    table.add_column(title, Align::kRight);
  table.add_column("note");
  for (size_t i = 0; i < net.ops().size(); ++i) {
    const sim::Op& op = net.ops()[i];
    table.add_row({std::to_string(i), op.name, op.type, output_shapes(net, op),
                   si_count(op.cost.macs), si_count(op.cost.flops),
                   binary_bytes(op.cost.weight_bytes), binary_bytes(op.cost.input_bytes),
                   binary_bytes(op.cost.output_bytes), op_note(op)});
  }
  table.render(out);
}

void write_op_csv(const sim::Network& net, std::ostream& out) {
  write_csv_row(out, {"index", "op", "type", "domain", "output_shape", "output_dtype", "macs",
                      "flops", "weight_bytes", "input_bytes", "output_bytes", "is_view",
                      "is_modelled"});
  for (size_t i = 0; i < net.ops().size(); ++i) {
    const sim::Op& op = net.ops()[i];
    const auto& first_out = net.tensor(op.outputs.empty() ? op.inputs.at(0) : op.outputs[0]);
    write_csv_row(out, {std::to_string(i), op.name, op.type, op.domain, output_shapes(net, op),
                        std::string(sim::dtype_name(first_out.dtype)),
                        std::to_string(op.cost.macs), std::to_string(op.cost.flops),
                        std::to_string(op.cost.weight_bytes), std::to_string(op.cost.input_bytes),
                        std::to_string(op.cost.output_bytes), op.cost.is_view ? "1" : "0",
                        op.cost.is_modelled ? "1" : "0"});
  }
}

}  // namespace hsim::reports
