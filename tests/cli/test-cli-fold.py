#!/usr/bin/python3
# test-cli-fold.py
#
# Copyright 2026 The Pleat authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# pleat-cli fold as users run it: a real process on the tiny-b random-weight model, its files
# read back with gemmi, Biopython and PyMOL and compared with the reference outputs of the same
# model (tests/fixtures/esmfold, made by transformers); bad inputs, resuming, interruption,
# sharding and standard input. Prints TAP.
#
# Usage: test-cli-fold.py PLEAT_CLI FIXTURES_DIR

import json
import os
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time

import numpy as np

CLI, FIXTURES = sys.argv[1], sys.argv[2]
MODEL = os.path.join(FIXTURES, "esmfold", "tiny-b")
ATOM37 = ["N", "CA", "C", "CB", "O", "CG", "CG1", "CG2", "OG", "OG1", "SG", "CD", "CD1", "CD2",
          "ND1", "ND2", "OD1", "OD2", "SD", "CE", "CE1", "CE2", "CE3", "NE", "NE1", "NE2", "OE1",
          "OE2", "CH2", "NH1", "NH2", "OH", "CZ", "CZ2", "CZ3", "NZ", "OXT"]

n_tests = 0
failed = 0


def check(condition, description, detail=""):
    global n_tests, failed
    n_tests += 1
    if condition:
        print(f"ok {n_tests} - {description}")
    else:
        failed += 1
        print(f"not ok {n_tests} - {description}")
        for line in str(detail).splitlines():
            print(f"# {line}")
    sys.stdout.flush()


def read_safetensors(path):
    """A minimal reader (the format is a length, a JSON header and raw data): no torch here."""
    dtypes = {"F64": np.float64, "F32": np.float32, "I64": np.int64}
    with open(path, "rb") as f:
        (n,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(n))
        data = f.read()
    out = {}
    for name, t in header.items():
        if name == "__metadata__":
            continue
        a, b = t["data_offsets"]
        out[name] = np.frombuffer(data[a:b], dtype=dtypes[t["dtype"]]).reshape(t["shape"])
    return out


def run(args, stdin=None, timeout=120):
    p = subprocess.run([CLI] + args, input=stdin, capture_output=True, text=True,
                       timeout=timeout)
    return p.returncode, p.stdout, p.stderr


def fasta(records):
    return "".join(f">{rid}\n{seq}\n" for rid, seq in records)


def pdb_atoms(path):
    atoms = {}
    for line in open(path):
        if line.startswith("ATOM"):
            key = (line[21], int(line[22:26]), line[12:16].strip())
            atoms[key] = (np.array([float(line[30:38]), float(line[38:46]), float(line[46:54])]),
                          float(line[60:66]), line[17:20])
    return atoms


work = tempfile.mkdtemp(prefix="pleat-cli-test-")
try:
    # --- 1. The reference sequence: numbers equal the reference's --------------------------
    case = json.load(open(os.path.join(FIXTURES, "esmfold", "case_b_mono12.json")))
    ref = read_safetensors(os.path.join(FIXTURES, "esmfold", case["files"]["f64"]))
    seq = case["sequence"]
    inp = os.path.join(work, "ref.fasta")
    open(inp, "w").write(fasta([("mono12", seq)]))
    out = os.path.join(work, "out")
    rc, so, se = run(["fold", "-m", MODEL, "-o", out, inp])
    check(rc == 0, "a valid record folds with exit status 0", se)
    files = sorted(os.listdir(out))
    check(files == ["mono12.cif", "mono12.pdb", "mono12_confidence.json", "mono12_pae.json"],
          "the four outputs are written, named from the FASTA id", files)

    atoms = pdb_atoms(os.path.join(out, "mono12.pdb"))
    pos37 = ref["final_atom37_positions"][0]
    exists = ref["atom37_atom_exists"][0]
    plddt37 = ref["plddt"][0]
    worst_xyz = 0.0
    worst_b = 0.0
    n_expected = 0
    for i in range(len(seq)):
        for a, name in enumerate(ATOM37):
            if exists[i, a] < 0.5:
                continue
            n_expected += 1
            got = atoms.get(("A", i + 1, name))
            if got is None:
                worst_xyz = float("inf")
                continue
            worst_xyz = max(worst_xyz, float(np.abs(got[0] - pos37[i, a]).max()))
            worst_b = max(worst_b, abs(got[1] - plddt37[i, a]))
    check(len(atoms) == n_expected, "the PDB has exactly the atoms the reference has",
          f"{len(atoms)} vs {n_expected}")
    check(worst_xyz < 2e-3, "PDB coordinates equal the reference's within 0.002 Å",
          f"max |Δ| = {worst_xyz}")
    check(worst_b < 0.011, "PDB B-factors are the per-atom pLDDT (0-100) of the reference",
          f"max |Δ| = {worst_b}")

    conf = json.load(open(os.path.join(out, "mono12_confidence.json")))
    check(abs(conf["mean_plddt"] - float(ref["mean_plddt"][0])) < 0.01,
          "confidence JSON mean pLDDT equals the reference", conf["mean_plddt"])
    check(abs(conf["ptm"] - float(ref["ptm"][0])) < 1e-3, "confidence JSON pTM equals the reference",
          conf["ptm"])
    check("iptm" not in conf, "no ipTM for a single chain")
    check(conf["weights"]["sha256"] is not None and len(conf["weights"]["sha256"]) == 64,
          "the weights digest is recorded", conf["weights"])

    pae = json.load(open(os.path.join(out, "mono12_pae.json")))
    mat = np.array(pae[0]["predicted_aligned_error"])
    check(mat.shape == (len(seq), len(seq)), "PAE JSON is L x L", mat.shape)
    ref_pae = ref["predicted_aligned_error"][0]
    check(np.abs(mat - ref_pae).max() < 0.006,
          "PAE JSON equals the reference (rows aligned, columns scored)",
          np.abs(mat - ref_pae).max())
    check(abs(pae[0]["max_predicted_aligned_error"] - 31.75) < 1e-9, "max PAE is 31.75")

    # The same files through the readers users have.
    import gemmi
    st = gemmi.read_structure(os.path.join(out, "mono12.cif"))
    check(len(st) == 1 and [c.name for c in st[0]] == ["A"] and len(st[0]["A"]) == len(seq),
          "gemmi reads the mmCIF: one model, chain A, every residue")
    cif_atoms = {(r.seqid.num, a.name): (np.array(a.pos.tolist()), a.b_iso)
                 for r in st[0]["A"] for a in r}
    diffs = [np.abs(cif_atoms[(k[1], k[2])][0] - v[0]).max() for k, v in atoms.items()]
    check(len(cif_atoms) == len(atoms) and max(diffs) < 1e-3,
          "mmCIF and PDB carry the same atoms and coordinates", max(diffs))
    doc = gemmi.cif.read(os.path.join(out, "mono12.cif"))
    block = doc.sole_block()
    local = block.find("_ma_qa_metric_local.", ["label_seq_id", "metric_value"])
    cif_res = np.array([float(row[1]) for row in local])
    check(np.abs(cif_res - ref["plddt_residue_mean"][0]).max() < 0.011,
          "ModelCIF per-residue pLDDT equals the reference's residue mean",
          np.abs(cif_res - ref["plddt_residue_mean"][0]).max())
    pairwise = block.find("_ma_qa_metric_local_pairwise.",
                          ["label_seq_id_1", "label_seq_id_2", "metric_value"])
    cif_pae = np.zeros((len(seq), len(seq)))
    for row in pairwise:
        cif_pae[int(row[0]) - 1, int(row[1]) - 1] = float(row[2])
    check(np.abs(cif_pae - ref_pae).max() < 0.006, "ModelCIF pairwise PAE equals the reference",
          np.abs(cif_pae - ref_pae).max())

    from Bio.PDB import MMCIFParser, PDBParser
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        bs = MMCIFParser(QUIET=False).get_structure("m", os.path.join(out, "mono12.cif"))
        bp = PDBParser(PERMISSIVE=False).get_structure("m", os.path.join(out, "mono12.pdb"))
    check(len(list(bs.get_atoms())) == len(atoms) and len(list(bp.get_atoms())) == len(atoms),
          "Biopython reads both files strictly, with every atom")

    from pymol import cmd
    cmd.feedback("disable", "all", "everything")
    cmd.load(os.path.join(out, "mono12.cif"), "cif")
    cmd.load(os.path.join(out, "mono12.pdb"), "pdb")
    check(cmd.count_atoms("cif") == len(atoms) and cmd.count_atoms("pdb") == len(atoms),
          "PyMOL loads both files with every atom")
    check(abs(cmd.rms_cur("cif", "pdb", matchmaker=4)) < 1e-3, "PyMOL: the two files coincide")

    # --- 2. A complex: chains A and B, ipTM, linker gone ----------------------------------
    dimer = json.load(open(os.path.join(FIXTURES, "esmfold", "case_b_dimer.json")))
    inp = os.path.join(work, "dimer.fasta")
    open(inp, "w").write(fasta([("dimer", ":".join(dimer["chains"]))]))
    rc, so, se = run(["fold", "-m", MODEL, "-o", out, "--format", "pdb,json", inp])
    check(rc == 0, "a two-chain record folds", se)
    check(sorted(f for f in os.listdir(out) if f.startswith("dimer")) ==
          ["dimer.pdb", "dimer_confidence.json"], "--format pdb,json writes only those")
    conf = json.load(open(os.path.join(out, "dimer_confidence.json")))
    check("iptm" in conf and [c["id"] for c in conf["chains"]] == ["A", "B"],
          "ipTM and chains A, B for a complex", conf.get("chains"))
    atoms = pdb_atoms(os.path.join(out, "dimer.pdb"))
    b_numbers = sorted({k[1] for k in atoms if k[0] == "B"})
    check(b_numbers == list(range(1, len(dimer["chains"][1]) + 1)),
          "chain B is numbered from 1 and has no linker residue", b_numbers[:5])

    # --- 3. Bad inputs: one line each, non-zero exit, the valid records still written -------
    bad = os.path.join(work, "bad.fasta")
    open(bad, "w").write(">good\nMKTAYIAK\n>digits\nMK7AY\n>empty\n>long\n" + "A" * 40 +
                         "\n>good2\nGSHM\n")
    out2 = os.path.join(work, "out2")
    rc, so, se = run(["fold", "-m", MODEL, "-o", out2, "--max-length", "30", bad])
    errors = [l for l in se.splitlines() if l.startswith("error:")]
    check(rc == 1, "bad records make the exit status non-zero", rc)
    check(len(errors) == 3, "one error line per bad record", se)
    check(any("digits" in l and "column 3" in l for l in errors), "the bad residue is located",
          se)
    check(any("long" in l and "--max-length" in l for l in errors), "too long is named", se)
    check(os.path.exists(os.path.join(out2, "good.cif")) and
          os.path.exists(os.path.join(out2, "good2.cif")), "the valid records are written")

    rc, so, se = run(["fold", "-m", os.path.join(work, "nomodel"), "-o", out2, bad])
    check(rc == 1 and len(se.strip().splitlines()) == 1 and "nomodel" in se,
          "a missing model: one line naming it", se)

    corrupt = os.path.join(work, "corrupt")
    os.mkdir(corrupt)
    shutil.copy(os.path.join(MODEL, "config.json"), corrupt)
    blob = open(os.path.join(MODEL, "model.safetensors"), "rb").read()
    open(os.path.join(corrupt, "model.safetensors"), "wb").write(blob[: len(blob) // 2])
    rc, so, se = run(["fold", "-m", corrupt, "-o", os.path.join(work, "out3"), inp])
    err = [l for l in se.splitlines() if l.startswith("error:")]
    check(rc == 1 and len(err) == 1 and "model.safetensors" in err[0],
          "a truncated checkpoint: one error naming the file", se)

    blocker = os.path.join(work, "afile")
    open(blocker, "w").write("x")
    rc, so, se = run(["fold", "-m", MODEL, "-o", os.path.join(blocker, "sub"), inp])
    check(rc == 1 and "afile" in se and "Loading" not in se,
          "an unwritable output folder fails before loading the model", se)

    rc, so, se = run(["fold", "-m", MODEL, inp])
    check(rc == 2 and "-o OUTDIR" in se, "usage errors exit with 2", se)

    # --- 4. Resume: finished records are skipped, nothing is redone -----------------------
    before = os.stat(os.path.join(out2, "good.cif")).st_mtime_ns
    rc, so, se = run(["fold", "-m", MODEL, "-o", out2, "--max-length", "30", bad])
    check("Skipping 2 records" in se and "Loading" not in se,
          "a re-run skips what exists without loading the model", se)
    check(os.stat(os.path.join(out2, "good.cif")).st_mtime_ns == before,
          "finished outputs are left untouched")
    rc, so, se = run(["fold", "-m", MODEL, "-o", out2, "--overwrite", "--format", "cif",
                      "--max-length", "30", bad])
    check(os.stat(os.path.join(out2, "good.cif")).st_mtime_ns != before,
          "--overwrite folds again", se)

    # --- 5. Interrupted batches complete on a re-run -------------------------------------
    many = os.path.join(work, "many.fasta")
    records = [(f"r{i:03d}", "MKTAYIAKQRQISFVKSHFSRQ"[: 8 + i % 14]) for i in range(60)]
    open(many, "w").write(fasta(records))
    out4 = os.path.join(work, "out4")
    p = subprocess.Popen([CLI, "fold", "-m", MODEL, "-o", out4, many],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 60
    while time.time() < deadline and not (os.path.isdir(out4) and
                                          len([f for f in os.listdir(out4)
                                               if f.endswith(".cif")]) >= 3):
        time.sleep(0.01)
    p.send_signal(signal.SIGINT)
    so, se = p.communicate(timeout=60)
    done = sorted(f for f in os.listdir(out4) if f.endswith("_confidence.json"))
    check(p.returncode == 130 and 0 < len(done) < 60,
          "Ctrl+C stops the batch with status 130, keeping finished records",
          f"rc {p.returncode}, {len(done)} done\n{se[-400:]}")
    leftovers = [f for f in os.listdir(out4)
                 if f.startswith(".") or not f.endswith((".cif", ".pdb", ".json"))]
    check(leftovers == [], "no temporary or half-written files are left", leftovers)

    # SIGKILL, the crash case: atomic writes leave only complete files.
    p = subprocess.Popen([CLI, "fold", "-m", MODEL, "-o", out4, "--overwrite", many],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(0.5)
    p.kill()
    p.wait()
    complete = True
    for f in os.listdir(out4):
        if f.endswith(".cif"):
            try:
                gemmi.read_structure(os.path.join(out4, f))
            except Exception as e:  # noqa: BLE001
                complete = False
                print(f"# {f}: {e}")
    check(complete, "after SIGKILL every mmCIF on disk is complete")
    rc, so, se = run(["fold", "-m", MODEL, "-o", out4, many])
    done = [f for f in os.listdir(out4) if f.endswith("_confidence.json")]
    check(rc == 0 and len(done) == 60, "a re-run completes the interrupted batch",
          f"rc {rc}, {len(done)}\n{se[-300:]}")

    # --- 6. Shards and standard input ------------------------------------------------------
    out5 = os.path.join(work, "out5")
    for shard in ("0/3", "1/3", "2/3"):
        rc, so, se = run(["fold", "-m", MODEL, "-o", out5, "--format", "json", "--shard", shard,
                          many])
    names = sorted(f[: -len("_confidence.json")] for f in os.listdir(out5))
    check(names == [r[0] for r in records], "three shards together fold every record once")
    rc, so, se = run(["fold", "-m", MODEL, "-o", os.path.join(work, "out6"), "-"],
                     stdin=">from_stdin\nMKTAYIAK\n")
    check(rc == 0 and os.path.exists(os.path.join(work, "out6", "from_stdin.cif")),
          "'-' reads standard input", se)
    rc, so, se = run(["fold", "-m", MODEL, "-o", os.path.join(work, "out7"), "-q", "-"],
                     stdin="MKTAYIAK\n")
    check(rc == 0 and se == "" and os.path.exists(os.path.join(work, "out7", "stdin.cif")),
          "-q is silent; a raw sequence on standard input is named 'stdin'", se)
finally:
    shutil.rmtree(work, ignore_errors=True)

print(f"1..{n_tests}")
sys.exit(1 if failed else 0)
