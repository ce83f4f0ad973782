#!/usr/bin/env python3
# generate_esmfold_fixtures.py
#
# Copyright 2026 The Pleat authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Rebuilds tests/fixtures/esmfold/ from the reference: transformers' EsmForProteinFolding
# (4.37.2, a port of fair-esm's esm.esmfold.v1) on a small configuration whose every parameter is
# random and non-zero, run in float64 and float32 on a few sequences. It writes the weights
# (model.safetensors, and pytorch_model.bin with the ESM-2 part in float16 as the Hub file has it),
# config.json, and per case the inputs and every module's intermediate outputs, captured with
# forward hooks, as safetensors files plus a JSON index describing every tensor.
#
# Where transformers and fair-esm disagree, fair-esm is the truth and this script follows it:
#   * multi-chain input: transformers' infer() knows nothing of ':' (it would read it as X);
#     fair-esm joins the chains with a 25-residue poly-G linker, offsets the residue index by
#     512 per chain and masks the linker out of atom37_atom_exists. encode_sequence() below
#     reproduces fair-esm's esm/esmfold/v1/misc.py, and the model is called through forward()
#     with those position_ids;
#   * pLDDT: transformers returns it on 0-1, fair-esm on 0-100; the fixtures store 0-100;
#   * mean_plddt and chain_index exist only in fair-esm's infer(); computed here as it does;
#   * ESM-2 attention softmax: fair-esm computes it in float32 even for a float64 model,
#     transformers in the model's dtype. The float64 fixtures keep transformers' behaviour (it
#     only moves them closer to exact arithmetic); the shared fair-esm fixtures show the other.
#
# Run with the reference environment (CPU only, a few seconds):
#   /work/venv-ref/bin/python tests/reference/generate_esmfold_fixtures.py [--out DIR]

import argparse
import collections
import hashlib
import json
import math
import os
import sys
import time

import numpy as np
import torch
from safetensors.torch import save_file

from transformers import EsmConfig, EsmForProteinFolding
from transformers.models.esm.openfold_utils import atom14_to_atom37, residue_constants

SEED = 20260101
PRESET = "tiny-b"

ESM_VOCAB = [
    "<cls>", "<pad>", "<eos>", "<unk>", "L", "A", "G", "V", "S", "E", "R", "T", "I", "D", "P",
    "K", "Q", "N", "F", "Y", "M", "H", "W", "C", "X", "B", "U", "Z", "O", ".", "-", "<null_1>",
    "<mask>",
]

CONFIG = {
    "architectures": ["EsmForProteinFolding"],
    "model_type": "esm",
    "is_folding_model": True,
    "vocab_size": 33,
    "vocab_list": ESM_VOCAB,
    "mask_token_id": 32,
    "pad_token_id": 1,
    "hidden_size": 64,
    "num_hidden_layers": 3,
    "num_attention_heads": 4,
    "intermediate_size": 256,
    "hidden_act": "gelu",
    "hidden_dropout_prob": 0.0,
    "attention_probs_dropout_prob": 0.0,
    "max_position_embeddings": 1026,
    "initializer_range": 0.02,
    "layer_norm_eps": 1e-05,
    "position_embedding_type": "rotary",
    "emb_layer_norm_before": False,
    "token_dropout": True,
    "use_cache": True,
    "torch_dtype": "float32",
    "esmfold_config": {
        "esm_type": "esm2_tiny_b_random",
        "fp16_esm": False,
        "use_esm_attn_map": False,
        "esm_ablate_pairwise": False,
        "esm_ablate_sequence": False,
        "esm_input_dropout": 0,
        "embed_aa": True,
        "bypass_lm": False,
        "lddt_head_hid_dim": 16,
        "trunk": {
            "num_blocks": 2,
            "sequence_state_dim": 64,
            "pairwise_state_dim": 32,
            "sequence_head_width": 16,
            "pairwise_head_width": 16,
            "position_bins": 32,
            "dropout": 0,
            "layer_drop": 0,
            "cpu_grad_checkpoint": False,
            "max_recycles": 4,
            "chunk_size": None,
            "structure_module": {
                "sequence_dim": 32,
                "pairwise_dim": 16,
                "ipa_dim": 8,
                "resnet_dim": 16,
                "num_heads_ipa": 2,
                "num_qk_points": 4,
                "num_v_points": 8,
                "dropout_rate": 0.1,
                "num_blocks": 8,
                "num_transition_layers": 1,
                "num_resnet_blocks": 2,
                "num_angles": 7,
                "trans_scale_factor": 10,
                "epsilon": 1e-08,
                "inf": 100000.0,
            },
        },
    },
}

# What each case stores: "full" = everything incl. the sub-modules inside the last block of the
# final pass; "pair" = everything but those; "seq" = no pair-shaped tensor except PAE.
CASES = [
    # name, sequence, num_recycles (None = reference default), level
    ("b_mono12", "MKTAYIAKQRQW", None, "full"),
    ("b_mono12_r0", "MKTAYIAKQRQW", 0, "seq"),
    ("b_unk10", "MKXAYWXKCH", 1, "pair"),
    ("b_dimer", "MKWAY:GSHMLR", None, "seq"),
]

# Smallest allowed |d^2 - edge^2| (A^2) of any C-beta pair feeding a recycling pass.
MIN_BIN_MARGIN = 0.05

# Tensors that only exist to be checked and that do not depend on the case size much are kept;
# these large pair-shaped ones are dropped at level "seq".
PAIR_NAMES_PREFIX = ("trunk.relpos", "trunk.first.recycle_z", "trunk.last.recycle_z",
                     "trunk.first.sm_in.pair", "trunk.last.sm_in.pair", "s_z",
                     "distogram_logits", "ptm_logits")


def encode_sequence(seq, residue_index_offset=512, chain_linker="G" * 25):
    """fair-esm esm/esmfold/v1/misc.py encode_sequence(), reproduced verbatim in behaviour."""
    chains = seq.split(":")
    seq = chain_linker.join(chains)
    unk_idx = residue_constants.restype_order_with_x["X"]
    encoded = torch.tensor([residue_constants.restype_order_with_x.get(aa, unk_idx) for aa in seq])
    residx = torch.arange(len(encoded))
    if residue_index_offset > 0:
        start = 0
        for i, chain in enumerate(chains):
            residx[start : start + len(chain) + len(chain_linker)] += i * residue_index_offset
            start += len(chain) + len(chain_linker)
    linker_mask = torch.ones_like(encoded, dtype=torch.float32)
    chain_index = []
    offset = 0
    for i, chain in enumerate(chains):
        if i > 0:
            chain_index.extend([i - 1] * len(chain_linker))
        chain_index.extend([i] * len(chain))
        offset += len(chain)
        linker_mask[offset : offset + len(chain_linker)] = 0
        offset += len(chain_linker)
    chain_index = torch.tensor(chain_index, dtype=torch.int64)
    return encoded, residx, linker_mask, chain_index, chains


def randomize_(model, seed):
    """Overwrite every floating parameter with random, non-zero values (numpy PCG64 normals in
    state_dict order, so the result depends only on seed and config)."""
    rng = np.random.Generator(np.random.PCG64(seed))
    kinds = {}
    for mname, module in model.named_modules():
        for pname, _ in module.named_parameters(recurse=False):
            full = f"{mname}.{pname}" if mname else pname
            if pname == "bias":
                kinds[full] = "bias"
            elif isinstance(module, torch.nn.LayerNorm) or type(module).__name__.endswith("LayerNorm"):
                kinds[full] = "ln_weight"
            elif isinstance(module, torch.nn.Linear):
                kinds[full] = "linear"
            elif isinstance(module, torch.nn.Embedding):
                kinds[full] = "embedding"
            else:
                kinds[full] = "vector"
    params = dict(model.named_parameters())
    with torch.no_grad():
        for name in model.state_dict().keys():
            if name not in params:
                continue
            p = params[name]
            kind = kinds[name]
            n = rng.standard_normal(p.numel(), dtype=np.float32).reshape(tuple(p.shape))
            if kind == "linear":
                v = n / math.sqrt(p.shape[1])
            elif kind == "bias":
                v = 0.1 * n
            elif kind == "ln_weight":
                v = 1.0 + 0.1 * n
            else:
                v = n
            p.copy_(torch.from_numpy(np.ascontiguousarray(v, dtype=np.float32)))
            if (p == 0).any():
                raise SystemExit(f"exact zero in {name}")
    return kinds


def round_esm_to_f16_(model):
    """The Hub checkpoint stores the ESM-2 stem in float16: carry the same values in every file
    and in the reference run."""
    with torch.no_grad():
        for name, t in list(model.named_parameters()) + list(model.named_buffers()):
            if name.startswith("esm.") and t.is_floating_point():
                t.copy_(t.half().to(t.dtype))


def saved_state_dict(model):
    """The tensors written to the weight files, in the Hub's EsmForProteinFolding names. The
    absolute position table of EsmEmbeddings is unused with rotary embeddings and left out, as in
    the shared fair-esm fixture."""
    sd = collections.OrderedDict()
    for k, v in model.state_dict().items():
        if k.startswith("esm.embeddings.position_embeddings") or k.endswith("position_ids"):
            continue
        sd[k] = v.detach().clone().contiguous()
    return sd


class Recorder:
    """Forward hooks that copy every module output of interest, per trunk pass."""

    def __init__(self, model, n_passes):
        self.model = model
        self.n_passes = n_passes
        self.t = collections.OrderedDict()
        self.pass_idx = -1
        self.internals = False
        self.rz_ref = None
        self.handles = []
        trunk = model.trunk
        nb = len(trunk.blocks)
        self.nb = nb

        def rec(name, value):
            self.t[name] = value.detach().clone()

        self.rec = rec

        def on(module, fn, pre=False):
            if pre:
                self.handles.append(module.register_forward_pre_hook(fn))
            else:
                self.handles.append(module.register_forward_hook(fn))

        esm = model.esm
        on(esm, lambda m, a: rec("esm.tokens", a[0]), pre=True)
        on(esm.embeddings.word_embeddings, lambda m, a, o: rec("esm.embed_tokens.out", o))
        on(esm.embeddings, lambda m, a, o: rec("esm.embedding_out", o))
        for i, layer in enumerate(esm.encoder.layer):
            on(layer, (lambda i: lambda m, a, o: rec(f"esm.layers.{i}.out", o[0]))(i))
        on(esm.encoder.emb_layer_norm_after, lambda m, a, o: rec("esm.emb_layer_norm_after.out", o))

        orig_lm = model.compute_language_model_representations

        def lm_wrapper(esmaa):
            out = orig_lm(esmaa)
            rec("esm_s", out)
            return out

        model.compute_language_model_representations = lm_wrapper
        on(model.esm_s_mlp, lambda m, a: rec("esm_s_combine.out", a[0]), pre=True)
        on(model.esm_s_mlp, lambda m, a, o: rec("esm_s_mlp.out", o))
        on(model.embedding, lambda m, a, o: rec("embedding.out", o))
        on(trunk, lambda m, a: rec("trunk.in.s", a[0]), pre=True)

        def pass_name(name):
            if self.pass_idx == 0:
                return f"trunk.first.{name}"
            if self.pass_idx == self.n_passes - 1:
                return f"trunk.last.{name}"
            return None

        def rec_pass(name, value):
            # In the 1-pass case both 'first' and 'last' are the same pass: store it as 'first'
            # and let the index alias 'last' to it.
            n = pass_name(name)
            if n is not None:
                rec(n, value)

        def on_recycle_s_pre(m, a):
            self.pass_idx += 1

        on(trunk.recycle_s_norm, on_recycle_s_pre, pre=True)
        on(trunk.recycle_s_norm, lambda m, a, o: rec_pass("recycle_s", o))

        def on_recycle_z_norm(m, a, o):
            # recycle_z += recycle_disto(bins) happens in place on this very tensor afterwards.
            self.rz_ref = o

        on(trunk.recycle_z_norm, on_recycle_z_norm)
        self.all_bins = []
        self.margins = []

        def on_disto_pre(m, a):
            self.all_bins.append(a[0].detach().clone())
            rec_pass("recycle_bins", a[0])

        on(trunk.recycle_disto, on_disto_pre, pre=True)

        def on_relpos_pre(m, a):
            rec_pass("recycle_z", self.rz_ref)
            self.rz_ref = None

        on(trunk.pairwise_positional_embedding, on_relpos_pre, pre=True)

        def on_relpos(m, a, o):
            if self.pass_idx == 0:
                rec("trunk.relpos", o)

        on(trunk.pairwise_positional_embedding, on_relpos)

        for bi, block in enumerate(trunk.blocks):
            def on_block_pre(m, a, bi=bi):
                self.internals = (self.pass_idx == self.n_passes - 1 and bi == nb - 1)

            def on_block(m, a, o, bi=bi):
                rec_pass(f"blocks.{bi}.s", o[0])
                rec_pass(f"blocks.{bi}.z", o[1])
                self.internals = False

            on(block, on_block_pre, pre=True)
            on(block, on_block)

            prefix = f"trunk.last.blocks.{bi}."
            subs = ["pair_to_sequence", "layernorm_1", "seq_attention", "mlp_seq",
                    "sequence_to_pair", "tri_mul_out", "tri_mul_in", "tri_att_start",
                    "tri_att_end", "mlp_pair"]
            for sub in subs:
                mod = getattr(block, sub)

                def sub_pre(m, a, sub=sub, prefix=prefix):
                    if self.internals:
                        rec(prefix + sub + ".in", a[0])

                def sub_post(m, a, o, sub=sub, prefix=prefix):
                    if self.internals:
                        rec(prefix + sub + ".out", o[0] if isinstance(o, tuple) else o)

                on(mod, sub_pre, pre=True)
                on(mod, sub_post)

        def on_sm_pre(m, a):
            rec_pass("sm_in.single", a[0]["single"])
            rec_pass("sm_in.pair", a[0]["pair"])

        def on_sm(m, a, o):
            if self.pass_idx < self.n_passes - 1:
                self.margins.append(bin_margin(o["positions"][-1][:, :, :3], trunk.recycle_bins))
            if self.pass_idx == 0 and self.n_passes > 1:
                for k in ("frames", "positions", "states", "angles", "unnormalized_angles"):
                    rec(f"trunk.first.sm.{k}", o[k])

        on(trunk.structure_module, on_sm_pre, pre=True)
        on(trunk.structure_module, on_sm)

    def close(self):
        for h in self.handles:
            h.remove()
        del self.model.compute_language_model_representations


def bin_margin(coords, num_bins):
    """Smallest |d^2 - boundary^2| over all Cb pairs (A^2), as EsmFoldingTrunk.distogram()
    computes them: a pair this close to a bin edge could land in another bin in float32."""
    boundaries = torch.linspace(3.375, 21.375, num_bins - 1) ** 2
    n, ca, c = [x.squeeze(-2) for x in coords.chunk(3, dim=-2)]
    b = ca - n
    c = c - ca
    a = b.cross(c, dim=-1)
    cb = -0.58273431 * a + 0.56802827 * b - 0.54067466 * c + ca
    d = (cb[..., None, :, :] - cb[..., :, None, :]).pow(2).sum(dim=-1, keepdims=True)
    return float((d.double() - boundaries.double()).abs().min())


def compute_iptm(logits, asym_id, residue_weights, max_bin=31, no_bins=64, eps=1e-8):
    """Interface pTM, AlphaFold-Multimer's predicted_tm_score(interface=True): neither fair-esm
    nor transformers computes it for ESMFold. residue_weights excludes the linker."""
    boundaries = torch.linspace(0, max_bin, steps=no_bins - 1, device=logits.device)
    step = boundaries[1] - boundaries[0]
    bin_centers = boundaries + step / 2
    bin_centers = torch.cat([bin_centers, (bin_centers[-1] + step).unsqueeze(-1)], dim=0)
    num_res = float(residue_weights.sum())
    clipped_n = max(num_res, 19)
    d0 = 1.24 * (clipped_n - 15) ** (1.0 / 3) - 1.8
    probs = torch.nn.functional.softmax(logits, dim=-1)
    tm_per_bin = 1.0 / (1 + (bin_centers ** 2) / (d0 ** 2))
    predicted_tm_term = torch.sum(probs * tm_per_bin, dim=-1)
    pair_mask = (asym_id[:, None] != asym_id[None, :]).to(logits.dtype)
    predicted_tm_term = predicted_tm_term * pair_mask
    pair_residue_weights = pair_mask * (residue_weights[None, :] * residue_weights[:, None])
    normed = pair_residue_weights / (eps + pair_residue_weights.sum(-1, keepdim=True))
    per_alignment = torch.sum(predicted_tm_term * normed, dim=-1)
    weighted = per_alignment * residue_weights
    return per_alignment[torch.argmax(weighted)]


def run_case(model, seq, num_recycles, dtype):
    aatype, residx, linker_mask, chain_index, chains = encode_sequence(seq)
    aatype = aatype[None]
    residx = residx[None]
    linker_mask = linker_mask[None]
    chain_index = chain_index[None]
    mask = torch.ones_like(aatype)
    max_recycles = model.config.esmfold_config.trunk.max_recycles
    n_passes = max_recycles if num_recycles is None else num_recycles + 1

    # transformers' RotaryEmbedding caches cos/sin per length and device, not per dtype: a
    # float64 table would leak into the float32 run.
    for module in model.modules():
        if hasattr(module, "_seq_len_cached"):
            module._seq_len_cached = None
    rec = Recorder(model, n_passes)
    t0 = time.time()
    with torch.no_grad():
        out = model(aatype, attention_mask=mask, position_ids=residx, num_recycles=num_recycles)
    runtime = time.time() - t0
    assert rec.pass_idx == n_passes - 1, (rec.pass_idx, n_passes)
    rec.close()
    t = rec.t

    t["input.aatype"] = aatype
    t["input.residue_index"] = residx
    t["input.mask"] = mask
    t["input.linker_mask"] = linker_mask
    t["input.chain_index"] = chain_index

    nl = model.config.num_hidden_layers
    t["esm_s_combine.weights"] = model.esm_s_combine.detach().softmax(0).clone()
    for k in ("frames", "positions", "states", "angles", "unnormalized_angles", "s_s", "s_z",
              "distogram_logits", "ptm_logits", "lm_logits", "predicted_aligned_error",
              "ptm", "atom14_atom_exists", "residx_atom14_to_atom37",
              "residx_atom37_to_atom14"):
        t[k] = getattr(out, k).detach().clone()
    t["max_predicted_aligned_error"] = out.max_predicted_aligned_error.detach().clone().reshape(1)
    t["ptm"] = t["ptm"].reshape(1)
    t["lddt_logits"] = out.lddt_head[-1].detach().clone()
    # fair-esm: 100 * categorical_lddt (transformers leaves it on 0-1).
    plddt = 100 * out.plddt.detach()
    t["plddt"] = plddt.clone()
    # fair-esm infer(): only atom37_atom_exists carries the linker mask.
    atom37_exists = out.atom37_atom_exists.detach() * linker_mask.unsqueeze(2).to(plddt.dtype)
    t["atom37_atom_exists"] = atom37_exists
    t["mean_plddt"] = ((plddt * atom37_exists).sum(dim=(1, 2)) / atom37_exists.sum(dim=(1, 2)))
    denom = atom37_exists.sum(-1)
    t["plddt_residue_mean"] = torch.where(denom > 0, (plddt * atom37_exists).sum(-1)
                                          / denom.clamp(min=1), torch.zeros_like(denom))
    t["final_atom14_positions"] = out.positions[-1].detach().clone()
    outd = {"aatype": aatype, "residx_atom37_to_atom14": out.residx_atom37_to_atom14,
            "atom37_atom_exists": atom37_exists}
    t["final_atom37_positions"] = atom14_to_atom37(out.positions[-1], outd).detach().clone()
    t["final_sidechain_frames"] = out.sidechain_frames[-1].detach().clone()
    boundaries = torch.linspace(3.375, 21.375, model.trunk.recycle_bins - 1)
    t["const.recycle_distogram_boundaries_sq"] = boundaries ** 2
    if len(chains) > 1:
        t["iptm"] = compute_iptm(out.ptm_logits[0].detach(), chain_index[0],
                                 linker_mask[0].to(out.ptm_logits.dtype)).reshape(1)
    return t, n_passes, chains, runtime, rec.all_bins, rec.margins


DESCS = [
    ("input.aatype", "AF2/OpenFold residue type per position: index into 'ARNDCQEGHILKMFPSTWYV',"
     " X = 20 (unknown letters -> 20); chains joined by the poly-G linker"),
    ("input.residue_index", "residue index fed to the trunk (position_ids): arange(L) + 512*k for"
     " chain k; the linker after chain k carries chain k's offset"),
    ("input.mask", "1 for every real position (linker included); B=1 so no padding"),
    ("input.linker_mask", "0 on linker positions, 1 elsewhere (float32 as fair-esm builds it)"),
    ("input.chain_index", "chain id per position; linker positions carry the chain before them"),
    ("esm.tokens", "<cls> + af2_to_esm[aatype+1] + <eos>: the ESM-2 input ids"),
    ("esm.embed_tokens.out", "raw word-embedding lookup"),
    ("esm.embedding_out", "ESM hidden state 0: lookup * 0.88 (token-dropout rescale"
     " (1-0.15*0.8)/(1-0)), padding rows zeroed"),
    ("esm.layers.", "output of ESM-2 layer i (0-based), before the final LayerNorm"),
    ("esm.emb_layer_norm_after.out", "final LayerNorm of the last layer output = hidden state nl"),
    ("esm_s_combine.weights", "softmax(esm_s_combine)"),
    ("esm_s_combine.out", "softmax-weighted sum of esm_s over the nl+1 hidden states"),
    ("esm_s_mlp.out", "esm_s_mlp(esm_s_combine.out): LN, Linear, ReLU, Linear"),
    ("esm_s", "stack of ESM hidden states 0..nl (<cls>/<eos> removed); the raw last-layer output"
     " is not in it, its LayerNorm is"),
    ("embedding.out", "ESMFold residue embedding(aatype)"),
    ("trunk.in.s", "trunk input s = esm_s_mlp.out + embedding.out"),
    ("trunk.relpos", "relative-position embedding: clamp(r[j]-r[i], -32, 32) + 33 (0 reserved)"),
    ("recycle_s", "recycle_s_norm(previous pass s; zeros on the first pass); block-0 input s ="
     " trunk.in.s + this"),
    ("recycle_bins", "Cb-Cb distance bin 0..14 of the previous pass (all 0 on the first)"),
    ("recycle_z", "recycle_z_norm(previous pass z) + recycle_disto(bins); block-0 input z ="
     " this + relpos (trunk.in.z is zero)"),
    (".pair_to_sequence.in", "block input z"),
    (".pair_to_sequence.out", "pair->sequence attention bias [B,L,L,heads]"),
    (".layernorm_1.in", "block input s"),
    (".layernorm_1.out", "layernorm_1(s)"),
    (".seq_attention.in", "layernorm_1(s)"),
    (".seq_attention.out", "gated sequence attention with pair bias (before the residual add)"),
    (".mlp_seq.in", "s + seq_attention.out"),
    (".mlp_seq.out", "residue MLP incl. its residual: the block's output s"),
    (".sequence_to_pair.in", "the block's output s"),
    (".sequence_to_pair.out", "sequence->pair update (before the residual add)"),
    (".tri_mul_out.in", "z + sequence_to_pair.out"),
    (".tri_mul_out.out", "triangle multiplication, outgoing edges (update only)"),
    (".tri_mul_in.in", "tri_mul_out.in + tri_mul_out.out"),
    (".tri_mul_in.out", "triangle multiplication, incoming edges (update only)"),
    (".tri_att_start.in", "tri_mul_in.in + tri_mul_in.out"),
    (".tri_att_start.out", "triangle attention around the starting node (update only)"),
    (".tri_att_end.in", "tri_att_start.in + tri_att_start.out"),
    (".tri_att_end.out", "triangle attention around the ending node (update only)"),
    (".mlp_pair.in", "tri_att_end.in + tri_att_end.out"),
    (".mlp_pair.out", "pair MLP incl. its residual: the block's output z"),
    (".s", "output s of trunk block i"),
    (".z", "output z of trunk block i"),
    ("sm_in.single", "structure-module input trunk2sm_s(s)"),
    ("sm_in.pair", "structure-module input trunk2sm_z(z)"),
    ("trunk.first.sm.", "structure-module output of the first pass, per SM block"),
    ("s_s", "trunk output s (final pass)"),
    ("s_z", "trunk output z (final pass)"),
    ("distogram_logits", "distogram_head(s_z), symmetrised"),
    ("ptm_logits", "ptm_head(s_z)"),
    ("lm_logits", "ESMFold lm_head(s_s)"),
    ("lddt_logits", "lddt_head of the last structure-module block's states"),
    ("plddt_residue_mean", "mean of plddt over existing atom37 atoms per residue (0 on linker)"),
    ("plddt", "per-atom pLDDT 0-100 (fair-esm scale; transformers returns 0-1)"),
    ("mean_plddt", "fair-esm infer(): mean pLDDT over all existing atoms"),
    ("ptm", "pTM over all L positions, linker included (as the reference)"),
    ("iptm", "interface pTM (AlphaFold-Multimer formula, chains = chain_index, linker weight 0);"
     " computed by this script, no reference computes it for ESMFold"),
    ("predicted_aligned_error", "PAE in Angstrom"),
    ("max_predicted_aligned_error", "31.75"),
    ("frames", "backbone frame per SM block: quaternion (w,x,y,z) + translation (A); float32"
     " even in the float64 run (OpenFold forces it)"),
    ("positions", "atom14 coordinates per SM block (A)"),
    ("states", "structure-module single state per SM block"),
    ("unnormalized_angles", "angle resnet output per SM block"),
    ("angles", "normalised torsion angles (sin, cos) per SM block"),
    ("final_atom14_positions", "positions[-1]"),
    ("final_atom37_positions", "atom14_to_atom37(positions[-1]); missing/linker atoms 0"),
    ("final_sidechain_frames", "8 rigid-group frames of the last SM block, 4x4 (A)"),
    ("atom14_atom_exists", "openfold atom14 mask"),
    ("atom37_atom_exists", "openfold atom37 mask times the linker mask (fair-esm infer())"),
    ("residx_atom14_to_atom37", "openfold index map"),
    ("residx_atom37_to_atom14", "openfold index map"),
    ("const.recycle_distogram_boundaries_sq", "recycling bin boundaries^2, float32"
     " linspace(3.375, 21.375, 14)**2 in every run"),
]


def describe(name):
    for key, desc in DESCS:
        if name == key:
            return desc
    best = None
    for key, desc in DESCS:
        if key in name and (best is None or len(key) > len(best[0])):
            best = (key, desc)
    if best is None:
        raise SystemExit(f"no description for {name}")
    return best[1]


def dtype_name(t):
    return {torch.float64: "F64", torch.float32: "F32", torch.int64: "I64",
            torch.float16: "F16"}[t.dtype]


def keep(name, level, n_passes, nb):
    if level == "full":
        return True
    # esm_s is the stack of esm.embedding_out, esm.layers.0..nl-2.out and
    # esm.emb_layer_norm_after.out without the <cls>/<eos> rows: kept once, in the full case.
    if name == "esm_s":
        return False
    if ".in" == name[-3:] or any(name.endswith(f".{s}.out") for s in (
            "pair_to_sequence", "layernorm_1", "seq_attention", "mlp_seq", "sequence_to_pair",
            "tri_mul_out", "tri_mul_in", "tri_att_start", "tri_att_end", "mlp_pair")):
        return False
    if level == "pair":
        return True
    if name.startswith(PAIR_NAMES_PREFIX) or name.endswith(".z") or name.startswith("trunk.first.sm."):
        return False
    if name == "lddt_logits":
        return False
    return True


def aliases_for(t, n_passes, nb):
    """Tensors identical by construction are stored once, under the target name."""
    a = collections.OrderedDict()
    a[f"trunk.last.blocks.{nb - 1}.s"] = "s_s"
    a[f"trunk.last.blocks.{nb - 1}.z"] = "s_z"
    a[f"trunk.last.blocks.{nb - 1}.mlp_seq.out"] = "s_s"
    a[f"trunk.last.blocks.{nb - 1}.mlp_pair.out"] = "s_z"
    for k in ("frames", "positions", "states", "angles", "unnormalized_angles"):
        a[f"trunk.last.sm.{k}"] = k
    if n_passes == 1:
        for k in list(t.keys()):
            if k.startswith("trunk.first."):
                a["trunk.last." + k[len("trunk.first."):]] = k
        for k in ("frames", "positions", "states", "angles", "unnormalized_angles"):
            a[f"trunk.first.sm.{k}"] = k
    if nb > 1:
        a[f"trunk.last.blocks.{nb - 1}.pair_to_sequence.in"] = f"trunk.last.blocks.{nb - 2}.z"
        a[f"trunk.last.blocks.{nb - 1}.layernorm_1.in"] = f"trunk.last.blocks.{nb - 2}.s"
    a[f"trunk.last.blocks.{nb - 1}.seq_attention.in"] = f"trunk.last.blocks.{nb - 1}.layernorm_1.out"
    a[f"trunk.last.blocks.{nb - 1}.sequence_to_pair.in"] = "s_s"
    return a


def tensor_summary(v):
    if v.is_floating_point():
        d = v.double()
        return {"f64_absmax": float(d.abs().max()), "f64_rms": float(d.pow(2).mean().sqrt())}
    return {}


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--out", default=os.path.join(here, "..", "fixtures", "esmfold"))
    args = ap.parse_args()
    out_dir = os.path.abspath(args.out)
    model_dir = os.path.join(out_dir, PRESET)
    os.makedirs(model_dir, exist_ok=True)

    torch.manual_seed(SEED)
    torch.set_num_threads(max(1, min(2, os.cpu_count() or 1)))
    config = EsmConfig(**{k: v for k, v in CONFIG.items() if k not in ("architectures",)})
    model = EsmForProteinFolding(config).eval()
    randomize_(model, SEED)
    round_esm_to_f16_(model)
    sd = saved_state_dict(model)

    meta = {"format": "pt", "producer": "tests/reference/generate_esmfold_fixtures.py",
            "preset": PRESET, "seed": str(SEED)}
    save_file(sd, os.path.join(model_dir, "model.safetensors"), metadata=meta)
    # The Hub's pytorch_model.bin carries the ESM-2 stem in float16 and the rest in float32.
    bin_sd = collections.OrderedDict()
    for k, v in sd.items():
        bin_sd[k] = v.half() if (k.startswith("esm.") and v.is_floating_point()) else v
    torch.save(bin_sd, os.path.join(model_dir, "pytorch_model.bin"))
    cfg = dict(CONFIG)
    cfg["_reference_harness"] = {
        "note": "random-weight ESMFold v1 fixture; weights are NOT trained",
        "producer": "tests/reference/generate_esmfold_fixtures.py",
        "reference": "transformers 4.37.2 EsmForProteinFolding, torch " + torch.__version__,
        "seed": SEED,
        "weight_init": {"linear": "normal(0, 1/sqrt(fan_in))", "bias": "0.1*normal(0,1)",
                        "ln_weight": "1 + 0.1*normal(0,1)", "embedding": "normal(0,1)",
                        "vector": "normal(0,1)"},
        "esm_weights": "every esm.* float tensor rounded to float16 values (stored float16 in"
                       " pytorch_model.bin, float32 in model.safetensors)",
    }
    with open(os.path.join(model_dir, "config.json"), "w") as f:
        json.dump(cfg, f, indent=2)
        f.write("\n")

    nb = config.esmfold_config.trunk.num_blocks
    summary = []
    for name, seq, num_recycles, level in CASES:
        results = {}
        runtimes = {}
        bins = {}
        bin_margins = {}
        for tag, dt in (("f64", torch.float64), ("f32", torch.float32)):
            m = model.to(dt)
            t, n_passes, chains, runtime, all_bins, margins = run_case(m, seq, num_recycles, dt)
            results[tag] = t
            bins[tag] = all_bins
            bin_margins[tag] = margins
            runtimes[tag] = round(runtime, 3)
        model.float()
        t64 = results["f64"]
        # A fixture is only fair if float32 arithmetic cannot move a C-beta pair into another
        # recycling bin: then every float32 implementation diverges from it after one pass.
        for p, (b64, b32) in enumerate(zip(bins["f64"], bins["f32"])):
            if not torch.equal(b64, b32):
                raise SystemExit(f"{name}: recycling bins of pass {p} differ between float64 "
                                 f"and float32; pick another sequence or seed")
        min_margin = min(bin_margins["f64"], default=float("inf"))
        if min_margin < MIN_BIN_MARGIN:
            raise SystemExit(f"{name}: a C-beta distance^2 lies {min_margin:.3g} A^2 from a "
                             f"recycling bin edge; pick another sequence or seed")
        aliases = aliases_for(t64, n_passes, nb)
        stored = [k for k in t64 if k not in aliases and keep(k, level, n_passes, nb)]
        omitted = [k for k in t64 if k not in aliases and k not in stored]
        # The float32 files hold the float32 run's sequence-level tensors and final outputs: the
        # floor a float32 implementation can reach. Pair-shaped intermediates are float64 only.
        stored32 = [k for k in stored if keep(k, "seq", n_passes, nb)]
        index = collections.OrderedDict()
        index["case"] = name
        index["preset"] = PRESET
        index["sequence"] = seq
        index["chains"] = chains
        index["length_incl_linker"] = int(t64["input.aatype"].shape[1])
        index["options"] = {
            "num_recycles": num_recycles,
            "trunk_passes": n_passes,
            "residue_index_offset": 512,
            "chain_linker": "G" * 25,
            "chunk_size": None,
            "batch_size": 1,
            "call": f"EsmForProteinFolding.forward(aatype, attention_mask=mask, "
                    f"position_ids=residue_index, num_recycles={num_recycles}) on fair-esm's "
                    f"encode_sequence() inputs",
        }
        index["level"] = level
        index["files"] = {"f64": f"case_{name}_f64.safetensors",
                          "f32": f"case_{name}_f32.safetensors"}
        tensors = collections.OrderedDict()
        for k in stored:
            v64 = t64[k]
            v32 = results["f32"][k]
            entry = {"shape": list(v64.shape), "dtype_f64_file": dtype_name(v64),
                     "dtype_f32_file": dtype_name(v32) if k in stored32 else None,
                     "desc": describe(k)}
            entry.update(tensor_summary(v64))
            tensors[k] = entry
        index["tensors"] = tensors
        index["aliases"] = {k: v for k, v in aliases.items() if v in tensors}
        index["omitted"] = omitted
        index["runtime_s"] = runtimes
        index["recycle_bin_margin_A2"] = min_margin if min_margin != float("inf") else None
        index["summary_f64"] = {
            "mean_plddt": float(t64["mean_plddt"][0]),
            "ptm": float(t64["ptm"][0]),
            "max_abs_position": float(t64["final_atom14_positions"].abs().max()),
        }
        if "iptm" in t64:
            index["summary_f64"]["iptm"] = float(t64["iptm"][0])
        # float32 vs float64 reference: the floor any float32 implementation can reach.
        ca64 = t64["final_atom37_positions"][0, :, 1].double()
        ca32 = results["f32"]["final_atom37_positions"][0, :, 1].double()
        index["f32_vs_f64"] = {
            "ca_max_abs": float((ca64 - ca32).abs().max()),
            "plddt_max_abs": float((t64["plddt"] - results["f32"]["plddt"].double()).abs().max()),
            "pae_max_abs": float((t64["predicted_aligned_error"]
                                  - results["f32"]["predicted_aligned_error"].double()).abs().max()),
            "ptm_abs": float((t64["ptm"] - results["f32"]["ptm"].double()).abs().max()),
        }
        for tag, names in (("f64", stored), ("f32", stored32)):
            payload = {k: results[tag][k].contiguous() for k in names}
            save_file(payload, os.path.join(out_dir, f"case_{name}_{tag}.safetensors"),
                      metadata={"format": "pt", "case": name, "preset": PRESET})
        with open(os.path.join(out_dir, f"case_{name}.json"), "w") as f:
            json.dump(index, f, indent=1)
            f.write("\n")
        summary.append((name, n_passes, len(stored), index["summary_f64"], index["f32_vs_f64"]))

    for row in summary:
        print(*row)


if __name__ == "__main__":
    sys.exit(main())
