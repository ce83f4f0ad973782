#!/usr/bin/env python3
# make_checkpoint_fixtures.py
#
# Copyright 2026 The Pleat authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Writes the small checkpoint fixtures of tests/test-weights.c under tests/fixtures/checkpoints/:
# the same tensors as PyTorch writes them (torch.save, Hugging Face save_pretrained with and
# without safetensors, sharded sets) and their expected values as safetensors written by
# safetensors.torch.save_file, for bit-exact comparison.
#
# Run with the reference environment: /work/venv-ref/bin/python tests/reference/make_checkpoint_fixtures.py
# (torch 1.13, transformers 4.37.2, safetensors). Deterministic: the same seed gives the same
# tensors (the zip files embed no dates that change the tensors).

import collections
import io
import json
import os
import shutil
import sys
import zipfile

import torch
from safetensors.torch import save_file
from transformers import EsmConfig, EsmForMaskedLM

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', 'fixtures', 'checkpoints')


def f16_specials():
    # Every class of half value: normals, subnormals, signed zeros, infinities, a NaN, the
    # largest and smallest magnitudes.
    bits = [0x0000, 0x8000, 0x0001, 0x03ff, 0x8200, 0x0400, 0x3c00, 0xbc00, 0x7bff, 0xfbff,
            0x7c00, 0xfc00, 0x7e00, 0x3555, 0x1234, 0xc321]
    return torch.tensor(bits, dtype=torch.int32).to(torch.int16).view(torch.float16).reshape(4, 4)


def bf16_specials():
    bits = [0x0000, 0x8000, 0x0001, 0x007f, 0x3f80, 0xbf80, 0x7f7f, 0xff7f, 0x7f80, 0xff80,
            0x7fc0, 0x4049, 0x1234, 0xc321, 0x3e9a, 0x0080]
    return torch.tensor(bits, dtype=torch.int32).to(torch.int16).view(torch.bfloat16).reshape(2, 8)


def tensors_state_dict():
    g = torch.Generator().manual_seed(20260101)
    sd = collections.OrderedDict()
    sd['f32'] = torch.randn(3, 5, generator=g)
    sd['f16'] = torch.randn(4, 6, generator=g).half()
    sd['f16_specials'] = f16_specials()
    sd['bf16'] = torch.randn(5, 3, generator=g).bfloat16()
    sd['bf16_specials'] = bf16_specials()
    sd['f64'] = torch.randn(2, 3, generator=g, dtype=torch.float64)
    sd['i64'] = torch.arange(-5, 7, dtype=torch.int64).reshape(3, 4) * 1000000007
    sd['i32'] = torch.arange(-3, 3, dtype=torch.int32)
    sd['bool'] = torch.tensor([True, False, True, True])
    sd['scalar'] = torch.tensor(3.5)
    sd['empty'] = torch.zeros(0, 4)
    sd['param'] = torch.nn.Parameter(torch.randn(3, generator=g))
    # Non-contiguous views: a transpose (strides (1, 7)), a strided slice with a storage
    # offset, and a transposed half tensor (strided and converted).
    sd['transposed'] = torch.randn(4, 7, generator=g).t()
    sd['strided'] = torch.randn(6, 8, generator=g)[::2, 1::3]
    sd['transposed_f16'] = torch.randn(3, 5, generator=g).half().t()
    sd['expanded'] = torch.randn(3, 1, generator=g).expand(3, 4)   # stride 0
    # Two tensors sharing one storage at different offsets.
    base = torch.randn(20, generator=g)
    sd['shared_a'] = base[2:8].view(2, 3)
    sd['shared_b'] = base[10:18].view(4, 2)
    # What module.state_dict() carries, so that the pickle has OrderedDict's BUILD.
    sd._metadata = collections.OrderedDict([('', {'version': 1})])
    return sd


def expected_file(sd, path):
    # Contiguous copies; half tensors also as float32 computed by torch ('<name>@f32').
    out = collections.OrderedDict()
    for name, t in sd.items():
        t = t.detach().clone().contiguous()
        out[name] = t
        if t.dtype in (torch.float16, torch.bfloat16):
            out[name + '@f32'] = t.float()
    save_file(out, path, metadata={'format': 'pt', 'generator': 'make_checkpoint_fixtures.py'})


def repack_zip64(src_path, dst_path):
    # The same records re-written by Python's zipfile with ZIP64 extra fields in every header
    # (what files above 4 GiB need), stored, without data descriptors: a second zip writer.
    with zipfile.ZipFile(src_path) as src, zipfile.ZipFile(dst_path, 'w', zipfile.ZIP_STORED) as dst:
        for info in src.infolist():
            with dst.open(info.filename, 'w', force_zip64=True) as f:
                f.write(src.read(info.filename))


def tiny_esm():
    torch.manual_seed(20260102)
    config = EsmConfig(vocab_size=33, hidden_size=16, num_hidden_layers=2, num_attention_heads=2,
                       intermediate_size=32, max_position_embeddings=64,
                       position_embedding_type='rotary', pad_token_id=1, mask_token_id=32,
                       token_dropout=True)
    model = EsmForMaskedLM(config).eval()
    with torch.no_grad():
        for p in model.parameters():
            p.normal_(0.0, 0.5)
    # ESM-2 ships in half precision in esmfold_v1.
    return model.half()


def main():
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)

    sd = tensors_state_dict()
    torch.save(sd, os.path.join(OUT, 'tensors.pt'))
    # Protocol 4: FRAME, MEMOIZE, SHORT_BINUNICODE, STACK_GLOBAL.
    torch.save(sd, os.path.join(OUT, 'tensors-p4.pt'), pickle_protocol=4)
    repack_zip64(os.path.join(OUT, 'tensors.pt'), os.path.join(OUT, 'tensors-zip64.pt'))
    expected_file(sd, os.path.join(OUT, 'tensors-expected.safetensors'))

    model = tiny_esm()
    model.save_pretrained(os.path.join(OUT, 'hf-bin'), safe_serialization=False)
    model.save_pretrained(os.path.join(OUT, 'hf-safetensors'), safe_serialization=True)
    model.save_pretrained(os.path.join(OUT, 'hf-sharded'), safe_serialization=True,
                          max_shard_size='8KB')
    model.save_pretrained(os.path.join(OUT, 'hf-sharded-bin'), safe_serialization=False,
                          max_shard_size='8KB')
    # Expected values: every tensor of the state dict (tied ones included), in float32.
    msd = model.state_dict()
    expected_file(collections.OrderedDict((k, v) for k, v in msd.items()),
                  os.path.join(OUT, 'hf-expected.safetensors'))

    # The tied LM head is a second name for the embedding's storage in the .bin only.
    tied = [k for k in msd if k == 'lm_head.decoder.weight']
    summary = {
        'torch': torch.__version__,
        'tensors': {k: {'dtype': str(v.dtype), 'shape': list(v.shape),
                        'stride': list(v.stride()), 'offset': v.storage_offset()}
                    for k, v in sd.items()},
        'hf_tied': tied,
    }
    with open(os.path.join(OUT, 'summary.json'), 'w') as f:
        json.dump(summary, f, indent=1, sort_keys=True)
    total = 0
    for root, _, files in os.walk(OUT):
        for name in files:
            total += os.path.getsize(os.path.join(root, name))
    print(f'wrote {OUT}: {total} bytes', file=sys.stderr)


if __name__ == '__main__':
    main()
