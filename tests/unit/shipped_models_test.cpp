// The shipped networks against published figures. MACs: torchvision's model docs (the "GFLOPS"
// column there counts multiply-accumulates). Parameters: the exporter folds every
// BatchNormalization into its convolution, so a BN's gamma and beta (2 per channel) become one
// conv bias (1 per channel); the exported graph therefore holds torchvision's count minus one
// parameter per BN channel. The BN channel totals below follow from each architecture's layer
// widths (e.g. ResNet-18: 64 + 4*64 + 4*128+128 + 4*256+256 + 4*512+512 = 4,800).
#include <gtest/gtest.h>

#include <cmath>

#include "graph/network_summary.h"
#include "onnx/onnx_loader.h"

namespace {

struct Published {
  const char* file;
  double macs;                 // torchvision, in MACs
  int64_t torchvision_params;  // torchvision's parameter count
  int64_t bn_channels;         // channels of all BatchNorm layers folded by the exporter
};

class ShippedModel : public ::testing::TestWithParam<Published> {};

TEST_P(ShippedModel, MatchesPublishedMacsAndParameters) {
  const Published& p = GetParam();
  const auto loaded = hsim::sim::load_onnx_file(std::string(HSIM_MODELS_DIR) + "/" + p.file);
  const auto summary = hsim::sim::summarize(loaded.network);
  EXPECT_NEAR(static_cast<double>(summary.macs), p.macs, 0.01 * p.macs);
  EXPECT_EQ(summary.parameters, p.torchvision_params - p.bn_channels);
  EXPECT_NEAR(static_cast<double>(summary.parameters), static_cast<double>(p.torchvision_params),
              0.005 * static_cast<double>(p.torchvision_params));
  EXPECT_TRUE(loaded.warnings.empty()) << loaded.warnings.front();
  EXPECT_EQ(summary.unmodelled_ops, 0);
  EXPECT_EQ(summary.weight_bytes, 4 * summary.parameters);  // fp32 exports
}

INSTANTIATE_TEST_SUITE_P(
    Torchvision, ShippedModel,
    ::testing::Values(Published{"resnet50.onnx", 4.09e9, 25'557'032, 26'560},
                      Published{"resnet18.onnx", 1.81e9, 11'689'512, 4'800},
                      Published{"mobilenet_v2.onnx", 0.30e9, 3'504'872, 17'056},
                      Published{"googlenet.onnx", 1.50e9, 6'624'904, 7'280},
                      Published{"squeezenet1_1.onnx", 0.35e9, 1'235'496, 0}),
    [](const auto& param_info) {
      std::string name = param_info.param.file;
      return name.substr(0, name.find('.'));
    });

}  // namespace

// The BERT-mini-sized encoder of models/export_models.py (L=4, H=256, heads=4, F=1024, S=128,
// V=30522, P=512), in closed form:
//   MACs per layer = 3SH^2 (q, k, v) + 2S^2H (scores, context) + SH^2 (out) + 2SHF (FFN)
//                  = 25,165,824 + 8,388,608 + 8,388,608 + 67,108,864 = 109,051,904.
//   Parameters: the module has VH + PH + 2H + L(4(H^2+H) + 2H + HF+F + FH+H + 2H) = 11,104,256;
//   the exporter folds the position lookup to the S rows used ((P-S)H = 98,304 fewer), and each
//   layer keeps 4 scalar constants as initializer data (attention scale; GELU's 1/sqrt2, 1, 0.5).
TEST(ShippedTransformer, MatchesClosedFormMacsParametersAndOps) {
  const auto loaded =
      hsim::sim::load_onnx_file(std::string(HSIM_MODELS_DIR) + "/transformer_encoder.onnx");
  const auto summary = hsim::sim::summarize(loaded.network);
  const int64_t L = 4, H = 256, F = 1024, S = 128, V = 30522, P = 512;
  const int64_t macs_per_layer = 3 * S * H * H + 2 * S * S * H + S * H * H + 2 * S * H * F;
  EXPECT_EQ(summary.macs, L * macs_per_layer);
  const int64_t module_params =
      V * H + P * H + 2 * H + L * (4 * (H * H + H) + 2 * H + H * F + F + F * H + H + 2 * H);
  EXPECT_EQ(module_params, 11'104'256);
  EXPECT_EQ(summary.parameters, module_params - (P - S) * H + 4 * L);
  EXPECT_EQ(summary.ops_by_type.at("MatMul"), 8 * L);
  EXPECT_EQ(summary.ops_by_type.at("Softmax"), L);
  EXPECT_EQ(summary.ops_by_type.at("LayerNormalization"), 2 * L + 1);
  EXPECT_EQ(summary.unmodelled_ops, 0);
}
