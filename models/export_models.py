#!/usr/bin/env python3
"""Export the networks hsim ships as graph-only ONNX files.

Each model is a real architecture (torchvision's, or a BERT-mini-sized encoder defined here)
exported with random weights: hsim reads only the graph and the weights' shapes, never their
values, so the weights go to an external data file that is deleted (or kept with
--keep-weights) and the committed .onnx is tens of KB.

Export settings: opset 17 and IR version 8 (what Debian's libonnx 1.12 reads), static shapes
(batch 1), eval mode with constant folding, so every BatchNormalization folds into its
convolution.

The transformer encoder (BERT-mini: 4 layers, hidden 256, 4 heads, intermediate 1024, sequence
128, vocabulary 30522, 512 positions) has, in closed form,
    embeddings   V*H + P*H + 2H                     = 7,945,216
    per layer    4(H*H + H) + 2H + (H*F + F) + (F*H + H) + 2H = 789,760
    total        7,945,216 + 4 * 789,760             = 11,104,256 parameters,
and per layer 3*S*H*H + 2*S*S*H + S*H*H + 2*S*H*F = 109,051,904 MACs (436,207,616 in all).

Usage:  /usr/bin/python3 models/export_models.py [--only NAME ...] [--keep-weights]
        /usr/bin/python3 models/export_models.py --embed-weights --out-dir DIR
"""
import argparse
import math
import os

import onnx
import torch
import torchvision
from onnx import external_data_helper

OPSET = 17
MAX_IR_VERSION = 8


class EncoderLayer(torch.nn.Module):
    def __init__(self, hidden, heads, intermediate):
        super().__init__()
        self.heads = heads
        self.head_dim = hidden // heads
        self.query = torch.nn.Linear(hidden, hidden)
        self.key = torch.nn.Linear(hidden, hidden)
        self.value = torch.nn.Linear(hidden, hidden)
        self.attention_out = torch.nn.Linear(hidden, hidden)
        self.attention_norm = torch.nn.LayerNorm(hidden)
        self.intermediate = torch.nn.Linear(hidden, intermediate)
        self.gelu = torch.nn.GELU()
        self.output = torch.nn.Linear(intermediate, hidden)
        self.output_norm = torch.nn.LayerNorm(hidden)

    def split_heads(self, x):
        batch, seq, _ = x.shape
        return x.reshape(batch, seq, self.heads, self.head_dim).transpose(1, 2)

    def forward(self, x):
        batch, seq, hidden = x.shape
        q = self.split_heads(self.query(x))
        k = self.split_heads(self.key(x))
        v = self.split_heads(self.value(x))
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(self.head_dim)
        context = torch.matmul(torch.softmax(scores, dim=-1), v)
        context = context.transpose(1, 2).reshape(batch, seq, hidden)
        x = self.attention_norm(x + self.attention_out(context))
        return self.output_norm(x + self.output(self.gelu(self.intermediate(x))))


class TransformerEncoder(torch.nn.Module):
    """BERT-mini-sized encoder without attention mask or pooler."""

    def __init__(self, vocab=30522, positions=512, hidden=256, layers=4, heads=4,
                 intermediate=1024, seq_len=128):
        super().__init__()
        self.word_embeddings = torch.nn.Embedding(vocab, hidden)
        self.position_embeddings = torch.nn.Embedding(positions, hidden)
        self.embedding_norm = torch.nn.LayerNorm(hidden)
        self.layers = torch.nn.ModuleList(
            EncoderLayer(hidden, heads, intermediate) for _ in range(layers))
        self.register_buffer("position_ids", torch.arange(seq_len).unsqueeze(0), persistent=False)

    def forward(self, input_ids):
        x = self.word_embeddings(input_ids) + self.position_embeddings(self.position_ids)
        x = self.embedding_norm(x)
        for layer in self.layers:
            x = layer(x)
        return x


def transformer_parameter_count(vocab=30522, positions=512, hidden=256, layers=4,
                                intermediate=1024):
    embeddings = vocab * hidden + positions * hidden + 2 * hidden
    per_layer = (4 * (hidden * hidden + hidden) + 2 * hidden
                 + (hidden * intermediate + intermediate) + (intermediate * hidden + hidden)
                 + 2 * hidden)
    return embeddings + layers * per_layer


def torchvision_model(name):
    def build():
        extra = {"aux_logits": False, "init_weights": True} if name == "googlenet" else {}
        return getattr(torchvision.models, name)(weights=None, **extra)
    return build


MODELS = {
    "resnet50": (torchvision_model("resnet50"), "image"),
    "resnet18": (torchvision_model("resnet18"), "image"),
    "squeezenet1_1": (torchvision_model("squeezenet1_1"), "image"),
    "mobilenet_v2": (torchvision_model("mobilenet_v2"), "image"),
    "googlenet": (torchvision_model("googlenet"), "image"),
    "transformer_encoder": (TransformerEncoder, "tokens"),
}


def example_input(kind):
    if kind == "image":
        return torch.randn(1, 3, 224, 224), "input"
    return torch.randint(0, 30522, (1, 128), dtype=torch.int64), "input_ids"


def export(name, out_dir, embed_weights, keep_weights):
    build, kind = MODELS[name]
    torch.manual_seed(0)
    model = build().eval()
    if name == "transformer_encoder":
        params = sum(p.numel() for p in model.parameters())
        assert params == transformer_parameter_count(), (params, transformer_parameter_count())
    example, input_name = example_input(kind)
    path = os.path.join(out_dir, name + ".onnx")
    with torch.no_grad():
        torch.onnx.export(model, example, path, opset_version=OPSET, do_constant_folding=True,
                          input_names=[input_name], output_names=["output"])
    proto = onnx.load(path)
    if proto.ir_version > MAX_IR_VERSION:
        proto.ir_version = MAX_IR_VERSION
    onnx.checker.check_model(proto)
    if embed_weights:
        onnx.save_model(proto, path)
        return path
    data_name = name + ".onnx.data"
    external_data_helper.convert_model_to_external_data(
        proto, all_tensors_to_one_file=True, location=data_name, size_threshold=1024)
    onnx.save_model(proto, path)
    if not keep_weights:
        os.remove(os.path.join(out_dir, data_name))
    return path


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", nargs="+", choices=sorted(MODELS), help="export these only")
    parser.add_argument("--out-dir", default=os.path.dirname(os.path.abspath(__file__)))
    parser.add_argument("--keep-weights", action="store_true",
                        help="keep the external weight files (<name>.onnx.data)")
    parser.add_argument("--embed-weights", action="store_true",
                        help="write single-file models with the weights inside")
    args = parser.parse_args()
    os.makedirs(args.out_dir, exist_ok=True)
    for name in args.only or MODELS:
        path = export(name, args.out_dir, args.embed_weights, args.keep_weights)
        print(f"{path}: {os.path.getsize(path):,} bytes")


if __name__ == "__main__":
    main()
