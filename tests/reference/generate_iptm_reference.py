#!/usr/bin/env python3
# generate_iptm_reference.py
#
# Copyright 2026 The Pleat authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Neither fair-esm nor transformers computes ipTM for ESMFold, so there is no reference output to
# match. This script gives one: AlphaFold-Multimer's interface pTM, as
# alphafold/common/confidence.py predicted_tm_score(logits, breaks, residue_weights, asym_id,
# interface=True) computes it (ColabFold reports the same function), written out in numpy
# float64, applied to the float64 ptm_logits of the shared fair-esm dimer case. The poly-G linker
# gets residue weight 0, so it is neither an aligned nor a scored residue and does not count in
# num_res (AlphaFold's formula takes num_res = sum(residue_weights) for d0).
#
# Writes tests/fixtures/iptm-reference.json. Usage, from the repository root:
#   /work/venv-ref/bin/python tests/reference/generate_iptm_reference.py [SHARED_FIXTURES]

import json
import os
import sys

import numpy as np
from safetensors.numpy import load_file

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "tests", "fixtures", "iptm-reference.json")


def softmax(x):
    x = x - x.max(axis=-1, keepdims=True)
    e = np.exp(x)
    return e / e.sum(axis=-1, keepdims=True)


def predicted_tm_score(logits, breaks, residue_weights, asym_id=None, interface=False):
    """AlphaFold's predicted_tm_score, with the pair mask over all positions so that zero
    residue weights (the linker) can be expressed."""
    step = breaks[1] - breaks[0]
    bin_centers = np.concatenate([breaks + step / 2, [breaks[-1] + 1.5 * step]])
    num_res = int(np.sum(residue_weights))
    clipped_num_res = max(num_res, 19)
    d0 = 1.24 * (clipped_num_res - 15) ** (1.0 / 3) - 1.8
    probs = softmax(logits)
    tm_per_bin = 1.0 / (1 + np.square(bin_centers) / np.square(d0))
    predicted_tm_term = np.sum(probs * tm_per_bin, axis=-1)
    n = logits.shape[0]
    pair_mask = np.ones((n, n), dtype=bool)
    if interface:
        pair_mask &= asym_id[:, None] != asym_id[None, :]
    predicted_tm_term = predicted_tm_term * pair_mask
    pair_residue_weights = pair_mask * (residue_weights[None, :] * residue_weights[:, None])
    normed_residue_mask = pair_residue_weights / (
        1e-8 + np.sum(pair_residue_weights, axis=-1, keepdims=True))
    per_alignment = np.sum(predicted_tm_term * normed_residue_mask, axis=-1)
    return float(per_alignment[(per_alignment * residue_weights).argmax()])


def main():
    shared = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared", "fixtures")
    path = os.path.join(shared, "esmfold_v1", "tiny-a", "case_a_dimer_f64.safetensors")
    t = load_file(path)
    logits = t["ptm_logits"][0].astype(np.float64)
    chain = t["input.chain_index"][0]
    residue = t["input.linker_mask"][0].astype(np.float64)
    breaks = np.linspace(0, 31, 63)
    n = logits.shape[0]

    iptm = predicted_tm_score(logits, breaks, residue, chain, interface=True)
    # The same function with every weight 1 is OpenFold's compute_tm: it must reproduce the
    # fixture's own pTM, which checks this transcription (to 1e-7: OpenFold's tm_per_bin is
    # float32 even in the float64 run).
    ptm = predicted_tm_score(logits, breaks, np.ones(n))
    assert abs(ptm - float(t["ptm"][0])) < 1e-7, (ptm, float(t["ptm"][0]))

    ref = {
        "source": "AlphaFold-Multimer predicted_tm_score(interface=True) "
                  "(alphafold/common/confidence.py), numpy float64",
        "fixture": "esmfold_v1/tiny-a/case_a_dimer_f64.safetensors: ptm_logits",
        "asym_id": "input.chain_index",
        "residue_weights": "input.linker_mask (linker 0)",
        "iptm": iptm,
        "ptm_all_positions": ptm,
    }
    with open(OUT, "w") as f:
        json.dump(ref, f, indent=1)
        f.write("\n")
    print("ipTM %.9f, pTM %.9f -> %s" % (iptm, ptm, os.path.relpath(OUT, ROOT)))


if __name__ == "__main__":
    main()
