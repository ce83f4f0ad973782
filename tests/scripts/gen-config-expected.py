#!/usr/bin/env python3
# gen-config-expected.py
#
# Copyright 2026 The Pleat authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Rebuilds tests/fixtures/config/expected.json: what transformers' EsmConfig makes of each
# config.json under tests/fixtures/config/ and of the shared tiny-a fixture, flattened to key
# paths ("esmfold_config.trunk.num_blocks"). test-model-config.c compares the C reader with it.
# Run with the reference environment (transformers 4.37.2):
#   /work/venv-ref/bin/python tests/scripts/gen-config-expected.py
import json
import os
import sys

import transformers
from transformers import EsmConfig

HERE = os.path.dirname(os.path.abspath(__file__))
CONFIG_DIR = os.path.join(HERE, "..", "fixtures", "config")
SHARED = os.path.join(HERE, "..", "..", "..", "shared", "fixtures")

TOP_KEYS = [
    "architectures", "model_type", "torch_dtype", "vocab_size", "vocab_list", "mask_token_id",
    "pad_token_id", "hidden_size", "num_hidden_layers", "num_attention_heads",
    "intermediate_size", "hidden_dropout_prob", "attention_probs_dropout_prob",
    "max_position_embeddings", "initializer_range", "layer_norm_eps",
    "position_embedding_type", "emb_layer_norm_before", "token_dropout", "is_folding_model",
]


def flatten(prefix, d, out):
    for key, value in d.items():
        path = f"{prefix}.{key}" if prefix else key
        if isinstance(value, dict):
            flatten(path, value, out)
        else:
            out[path] = value


def expected_for(path):
    config = EsmConfig.from_json_file(path)
    out = {}
    for key in TOP_KEYS:
        value = getattr(config, key, None)
        if key == "torch_dtype" and value is not None:
            value = str(value).replace("torch.", "")
        if key == "vocab_list" and value is not None:
            value = list(value)
        if key == "emb_layer_norm_before":
            # modeling_esm only tests its truthiness: None behaves as False.
            value = bool(value)
        out[key] = value
    if config.esmfold_config is not None:
        flatten("esmfold_config", config.esmfold_config.to_dict(), out)
    else:
        out["esmfold_config"] = None
    return out


def main():
    cases = {}
    for name in sorted(os.listdir(CONFIG_DIR)):
        if name.endswith(".json") and name != "expected.json":
            cases[name] = expected_for(os.path.join(CONFIG_DIR, name))
    tiny = os.path.join(SHARED, "esmfold_v1", "tiny-a", "config.json")
    cases["shared:esmfold_v1/tiny-a/config.json"] = expected_for(tiny)
    result = {
        "generator": "tests/scripts/gen-config-expected.py",
        "transformers_version": transformers.__version__,
        "cases": cases,
    }
    with open(os.path.join(CONFIG_DIR, "expected.json"), "w") as f:
        json.dump(result, f, indent=1, sort_keys=True)
        f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
