#!/usr/bin/env python3
# bench_hf_esmfold.py
#
# Copyright 2026 The Pleat authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The reference's speed on the same machine and the same weights, for the README's comparison:
# transformers' EsmForProteinFolding loads a model folder that bench-esmfold wrote (--keep DIR)
# and folds a random sequence of length L with the same number of trunk passes, cold then warm,
# on the same number of threads. Not run by CI (it needs torch): run it with the reference venv,
#
#   build/tests/bench-esmfold --config mid --length 128 --keep /tmp/mid
#   /work/venv-ref/bin/python tests/reference/bench_hf_esmfold.py /tmp/mid 128 --threads 2
import argparse
import random
import resource
import time

import torch
from transformers import EsmForProteinFolding

parser = argparse.ArgumentParser()
parser.add_argument("model")
parser.add_argument("length", type=int)
parser.add_argument("--threads", type=int, default=2)
parser.add_argument("--passes", type=int, default=4)
parser.add_argument("--chunk", type=int, default=0, help="trunk chunk size, 0 = none")
args = parser.parse_args()

torch.set_num_threads(args.threads)
t0 = time.time()
model = EsmForProteinFolding.from_pretrained(args.model, torch_dtype=torch.float32).eval()
model.esm.float()
model.trunk.config.max_recycles = args.passes
if args.chunk:
    model.trunk.set_chunk_size(args.chunk)
load = time.time() - t0

rng = random.Random(1)
sequence = "".join(rng.choice("ACDEFGHIKLMNPQRSTVWY") for _ in range(args.length))
times = []
with torch.no_grad():
    for _ in range(2):
        t0 = time.time()
        # infer() runs max_recycles passes (num_recycles=None).
        out = model.infer(sequence)
        times.append(time.time() - t0)
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
print(f"transformers {args.model} L={args.length} passes={args.passes} threads={args.threads}: "
      f"load {load:.1f} s, cold {times[0]:.2f} s, warm {times[1]:.2f} s, peak RSS {rss:.2f} GiB, "
      f"pTM {float(out['ptm']):.4f}")
