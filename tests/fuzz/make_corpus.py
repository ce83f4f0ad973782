#!/usr/bin/env python3
# make_corpus.py
#
# Copyright 2026 The Pleat authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Writes the small seed corpora of the fuzz targets under tests/fuzz/corpus/<target>/ from the
# checkpoint fixtures (run tests/reference/make_checkpoint_fixtures.py first) and a few files
# made here: a protocol-4 torch.save (FRAME, MEMOIZE, STACK_GLOBAL), a zip re-packed with
# ZIP64 extra fields, and tiny safetensors files.
# Run with the reference environment: /work/venv-ref/bin/python tests/fuzz/make_corpus.py

import collections
import io
import json
import os
import shutil
import struct
import zipfile

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, '..', 'fixtures', 'checkpoints')
CORPUS = os.path.join(HERE, 'corpus')


def small_state_dict():
    g = torch.Generator().manual_seed(7)
    sd = collections.OrderedDict()
    sd['w'] = torch.randn(2, 3, generator=g)
    sd['h'] = torch.randn(3, generator=g).half()
    sd['t'] = torch.randn(2, 2, generator=g).t()
    base = torch.arange(6, dtype=torch.int64)
    sd['a'] = base[1:3]
    sd['b'] = base[3:6]
    return sd


def torch_bytes(sd, protocol):
    f = io.BytesIO()
    torch.save(sd, f, pickle_protocol=protocol)
    return f.getvalue()


def data_pkl(zip_bytes):
    with zipfile.ZipFile(io.BytesIO(zip_bytes)) as z:
        name = next(n for n in z.namelist() if n.endswith('/data.pkl'))
        return z.read(name)


def repack_zip64(zip_bytes):
    # Same records, stored, with ZIP64 extra fields in every header.
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(zip_bytes)) as src, \
            zipfile.ZipFile(out, 'w', zipfile.ZIP_STORED) as dst:
        for info in src.infolist():
            with dst.open(info.filename, 'w', force_zip64=True) as f:
                f.write(src.read(info.filename))
    return out.getvalue()


def safetensors_bytes(header, data, padding=0):
    text = json.dumps(header, separators=(',', ':')).encode() + b' ' * padding
    return struct.pack('<Q', len(text)) + text + data


def write(target, name, data):
    path = os.path.join(CORPUS, target, name)
    with open(path, 'wb') as f:
        f.write(data)


def main():
    for target in ('safetensors', 'zip', 'unpickler'):
        shutil.rmtree(os.path.join(CORPUS, target), ignore_errors=True)
        os.makedirs(os.path.join(CORPUS, target))

    def fixture(*parts):
        with open(os.path.join(FIXTURES, *parts), 'rb') as f:
            return f.read()

    p2 = torch_bytes(small_state_dict(), 2)
    p4 = torch_bytes(small_state_dict(), 4)
    tensors_pt = fixture('tensors.pt')

    write('zip', 'small-p2.pt', p2)
    write('zip', 'small-p4.pt', p4)
    write('zip', 'small-zip64.pt', repack_zip64(p2))
    write('zip', 'tensors.pt', tensors_pt)

    write('unpickler', 'small-p2.pkl', data_pkl(p2))
    write('unpickler', 'small-p4.pkl', data_pkl(p4))
    write('unpickler', 'tensors.pkl', data_pkl(tensors_pt))
    write('unpickler', 'hf-shard.pkl',
          data_pkl(fixture('hf-sharded-bin', 'pytorch_model-00002-of-00002.bin')))

    write('safetensors', 'tensors.safetensors', fixture('tensors-expected.safetensors'))
    write('safetensors', 'tiny.safetensors', safetensors_bytes(
        {'__metadata__': {'format': 'pt'},
         'a': {'dtype': 'F16', 'shape': [2], 'data_offsets': [0, 4]},
         'b': {'dtype': 'BF16', 'shape': [1, 2], 'data_offsets': [4, 8]},
         'c': {'dtype': 'I64', 'shape': [], 'data_offsets': [8, 16]},
         'e': {'dtype': 'F64', 'shape': [0, 3], 'data_offsets': [16, 16]}},
        bytes(range(16))))
    write('safetensors', 'padded.safetensors', safetensors_bytes(
        {'x': {'dtype': 'F32', 'shape': [3], 'data_offsets': [0, 12]}}, b'\x00' * 12, padding=5))


if __name__ == '__main__':
    main()
