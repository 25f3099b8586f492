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
