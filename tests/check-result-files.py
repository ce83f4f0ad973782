#!/usr/bin/python3
# check-result-files.py
#
# Copyright 2026 The Pleat authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Reads the result files the way users do and compares them with the numbers they were
# written from. Runs WRITER OUTDIR (tests/write-result-files.c), then for every case:
# - mmCIF: validated with `gemmi validate -p` against the ModelCIF dictionary (which contains
#   PDBx/mmCIF; Debian's libcifpp-data), with libcifpp's cif-validate, then read with gemmi
#   (structure and the ma_qa_metric tables), Biopython's MMCIFParser and PyMOL;
# - PDB: read with gemmi, Biopython's PDBParser in strict mode and PyMOL;
# - PAE JSON (AlphaFold DB layout) and confidence JSON: read with json.
# Prints TAP, one line per check, so meson shows which reader disagreed.
import json
import math
import os
import shutil
import subprocess
import sys
import warnings

import gemmi
from Bio.PDB import MMCIFParser, PDBParser
from Bio.PDB.PDBExceptions import PDBConstructionWarning

# The file keeps 3 decimals of coordinates and 2 of pLDDT and PAE; the expected numbers are
# float32 values printed in full, so allow half a unit of the last written place.
XYZ_TOL = 0.0005 + 1e-6
B_TOL = 0.005 + 1e-6
TM_TOL = 0.00005 + 1e-9
MA_DICT = "/usr/share/libcifpp/mmcif_ma.dic"

results = []


def check(name, condition, detail=""):
    results.append((name, bool(condition), detail))
    return condition


def close(a, b, tol):
    return abs(a - b) <= tol


def expected_atoms(case):
    """(chain, seq_id, res_name, atom_name, element, xyz, plddt) in file order."""
    out = []
    for chain in case["chains"]:
        for res in chain["residues"]:
            for atom in res["atoms"]:
                out.append((chain["id"], res["seq_id"], res["name"], atom["name"],
                            atom["element"], atom["xyz"], atom["plddt"]))
    return out


def compare_atoms(label, case, atoms):
    """atoms: list of (chain, seq_id, res_name, atom_name, element, (x, y, z), b)."""
    want = expected_atoms(case)
    if not check(f"{label}: atom count", len(atoms) == len(want), f"{len(atoms)} != {len(want)}"):
        return
    bad = []
    for got, exp in zip(atoms, want):
        same_ids = (got[0] == exp[0] and int(got[1]) == exp[1] and got[2] == exp[2]
                    and got[3] == exp[3] and got[4].upper() == exp[4].upper())
        same_xyz = all(close(g, e, XYZ_TOL) for g, e in zip(got[5], exp[5]))
        same_b = close(got[6], exp[6], B_TOL)
        if not (same_ids and same_xyz and same_b):
            bad.append(f"{got} vs {exp}")
    check(f"{label}: chains, residue numbers, names, coordinates, B = pLDDT", not bad,
          "; ".join(bad[:3]))


def gemmi_atoms(structure):
    out = []
    model = structure[0]
    for chain in model:
        for res in chain:
            for atom in res:
                p = atom.pos
                out.append((chain.name, res.seqid.num, res.name, atom.name, atom.element.name,
                            (p.x, p.y, p.z), atom.b_iso))
    return out


def biopython_atoms(structure):
    out = []
    model = next(iter(structure))
    for chain in model:
        for res in chain:
            for atom in res:
                x, y, z = (float(v) for v in atom.coord)
                out.append((chain.id, res.id[1], res.get_resname(), atom.get_name(),
                            atom.element, (x, y, z), atom.get_bfactor()))
    return out


def pymol_atoms(pymol, path, downloads):
    cmd = pymol.cmd
    cmd.delete("all")
    del downloads[:]
    cmd.load(path, "m")
    model = cmd.get_model("m")
    return [(a.chain, int(a.resi), a.resn, a.name, a.symbol, tuple(a.coord), a.b)
            for a in model.atom]


def check_cif_validation(path, label):
    gemmi_run = subprocess.run(["gemmi", "validate", "-p", "-d", MA_DICT, path],
                               capture_output=True, text=True)
    # The dictionary marks the ma_ categories as contributed: that note is not a problem. The
    # one parent we leave out on purpose is chem_comp_atom (AlphaFold DB files lack it too):
    # with it, PyMOL drops its built-in residue dictionary and tries to download one.
    allowed = ("CONTRIBUTED", "missing _chem_comp_atom.atom_id",
               "parent of _atom_site.label_atom_id")
    lines = (gemmi_run.stdout + gemmi_run.stderr).splitlines()
    problems = [line for line in lines
                if line.strip() and not any(a in line for a in allowed)]
    check(f"{label}: gemmi validate -p against mmcif_ma.dic (PDBx + ModelCIF)",
          gemmi_run.returncode == 0 and not problems, "\n".join(problems[:10]))
    cifpp = subprocess.run(["cif-validate", "--dict", MA_DICT, path],
                           capture_output=True, text=True)
    check(f"{label}: libcifpp cif-validate against mmcif_ma.dic", cifpp.returncode == 0,
          cifpp.stdout + cifpp.stderr)


def check_cif_quality(path, label, case):
    block = gemmi.cif.read(path).sole_block()
    residues = [(c["id"], i + 1, r) for c in case["chains"] for i, r in enumerate(c["residues"])]

    metric = block.find("_ma_qa_metric.", ["id", "type", "mode"])
    kinds = {(row[1], row[2]): row[0] for row in metric}
    want_kinds = {("pLDDT", "global"), ("pLDDT", "local"), ("pTM", "global"),
                  ("PAE", "local-pairwise")}
    if case["iptm"] is not None:
        want_kinds.add(("ipTM", "global"))
    check(f"{label}: ma_qa_metric lists pLDDT, pTM, PAE" + (", ipTM" if case["iptm"] else ""),
          set(kinds) == want_kinds, str(sorted(kinds)))

    glob = {row[0]: float(row[1]) for row in
            block.find("_ma_qa_metric_global.", ["metric_id", "metric_value"])}
    check(f"{label}: global pLDDT", close(glob.get(kinds.get(("pLDDT", "global")), -1),
                                          case["mean_plddt"], B_TOL))
    check(f"{label}: global pTM", close(glob.get(kinds.get(("pTM", "global")), -1),
                                        case["ptm"], TM_TOL))
    if case["iptm"] is not None:
        check(f"{label}: global ipTM", close(glob.get(kinds.get(("ipTM", "global")), -1),
                                             case["iptm"], TM_TOL))

    local = block.find("_ma_qa_metric_local.",
                       ["label_asym_id", "label_seq_id", "label_comp_id", "metric_value"])
    bad = []
    for row, (chain, num, res) in zip(local, residues):
        mean = sum(a["plddt"] for a in res["atoms"]) / len(res["atoms"])
        if (row[0], int(row[1]), row[2]) != (chain, num, res["name"]) or \
           not close(float(row[3]), mean, B_TOL):
            bad.append(f"{list(row)} vs {chain} {num} {res['name']} {mean:.3f}")
    check(f"{label}: local pLDDT = mean over each residue's atoms",
          len(local) == len(residues) and not bad, "; ".join(bad[:3]))

    pairwise = block.find("_ma_qa_metric_local_pairwise.",
                          ["label_asym_id_1", "label_seq_id_1", "label_asym_id_2",
                           "label_seq_id_2", "metric_value"])
    n = len(residues)
    bad = []
    if len(pairwise) == n * n:
        for k, row in enumerate(pairwise):
            i, j = divmod(k, n)
            ri, rj = residues[i], residues[j]
            if (row[0], int(row[1]), row[2], int(row[3])) != (ri[0], ri[1], rj[0], rj[1]) or \
               not close(float(row[4]), case["pae"][i][j], B_TOL):
                bad.append(f"row {k}: {list(row)} vs {case['pae'][i][j]}")
    check(f"{label}: PAE in ma_qa_metric_local_pairwise (1 = aligned, 2 = scored)",
          len(pairwise) == n * n and not bad, f"{len(pairwise)} rows; " + "; ".join(bad[:3]))

    # Mol* and ChimeraX rebuild the polymer from entity_poly_seq: it must match atom_site.
    seq = block.find("_entity_poly_seq.", ["entity_id", "num", "mon_id"])
    check(f"{label}: entity_poly_seq has every residue of each entity", len(seq) > 0)


def check_pae_json(path, label, case):
    with open(path) as f:
        data = json.load(f)
    ok = isinstance(data, list) and len(data) == 1 and \
        set(data[0]) == {"predicted_aligned_error", "max_predicted_aligned_error"}
    if not check(f"{label}: AlphaFold DB layout", ok, str(type(data))):
        return
    pae = data[0]["predicted_aligned_error"]
    want = case["pae"]
    shape_ok = len(pae) == len(want) and all(len(r) == len(want) for r in pae)
    values_ok = shape_ok and all(close(pae[i][j], want[i][j], B_TOL)
                                 for i in range(len(want)) for j in range(len(want)))
    check(f"{label}: PAE rows = aligned, columns = scored, 2 decimals", values_ok)
    check(f"{label}: max_predicted_aligned_error",
          close(data[0]["max_predicted_aligned_error"], case["max_pae"], B_TOL))


def check_confidence_json(path, label, case):
    with open(path) as f:
        data = json.load(f)
    residues = [r for c in case["chains"] for r in c["residues"]]
    check(f"{label}: model and options", data["model"] == "ESMFold v1"
          and data["options"]["num_recycles"] == 3 and data["weights"]["sha256"] is not None)
    check(f"{label}: mean pLDDT", close(data["mean_plddt"], case["mean_plddt"], B_TOL))
    check(f"{label}: pTM", close(data["ptm"], case["ptm"], TM_TOL))
    if case["iptm"] is None:
        check(f"{label}: no ipTM for one chain", "iptm" not in data)
    else:
        check(f"{label}: ipTM", close(data["iptm"], case["iptm"], TM_TOL))
    check(f"{label}: per-residue pLDDT", len(data["plddt"]) == len(residues) and all(
        close(v, sum(a["plddt"] for a in r["atoms"]) / len(r["atoms"]), B_TOL)
        for v, r in zip(data["plddt"], residues)))
    chains_ok = len(data["chains"]) == len(case["chains"])
    for got, chain in zip(data["chains"], case["chains"]):
        atoms = [a["plddt"] for r in chain["residues"] for a in r["atoms"]]
        chains_ok = chains_ok and got["id"] == chain["id"] and \
            got["residues"] == len(chain["residues"]) and \
            close(got["mean_plddt"], sum(atoms) / len(atoms), B_TOL)
    check(f"{label}: per-chain mean pLDDT", chains_ok)
    check(f"{label}: seconds", close(data["seconds"], 12.5, 1e-9))


def main():
    writer, outdir = sys.argv[1], sys.argv[2]
    shutil.rmtree(outdir, ignore_errors=True)
    os.makedirs(outdir)
    run = subprocess.run([writer, outdir], capture_output=True, text=True)
    if run.returncode != 0:
        print("1..1\nnot ok 1 - write-result-files failed\n# " + run.stderr)
        return 1
    with open(os.path.join(outdir, "expected.json")) as f:
        cases = json.load(f)["cases"]

    import pymol2
    pymol = pymol2.PyMOL()
    pymol.start()
    # PyMOL fetches residue dictionaries it lacks from the RCSB: count the attempts instead
    # (nothing leaves this machine); a file PyMOL reads offline makes none.
    downloads = []
    pymol.cmd.download_chem_comp = lambda resn, *args, **kwargs: downloads.append(resn) or ""
    # Strict readers: any construction warning is a failure.
    warnings.simplefilter("error", PDBConstructionWarning)

    for case in cases:
        stem = os.path.join(outdir, case["stem"])
        cif, pdb = stem + ".cif", stem + ".pdb"
        name = case["stem"]

        check_cif_validation(cif, f"{name}.cif")
        compare_atoms(f"{name}.cif gemmi", case, gemmi_atoms(gemmi.read_structure(cif)))
        compare_atoms(f"{name}.cif Biopython MMCIFParser", case, biopython_atoms(
            MMCIFParser(QUIET=False).get_structure(name, cif)))
        compare_atoms(f"{name}.cif PyMOL", case, pymol_atoms(pymol, cif, downloads))
        check(f"{name}.cif PyMOL: read with its own residue dictionary, nothing to download",
              not downloads, str(downloads))
        check_cif_quality(cif, f"{name}.cif", case)
        doc_chains = [p.name for p in gemmi.read_structure(cif).entities]
        check(f"{name}.cif gemmi: entities read", len(doc_chains) >= 1)

        compare_atoms(f"{name}.pdb gemmi", case, gemmi_atoms(gemmi.read_structure(pdb)))
        compare_atoms(f"{name}.pdb Biopython PDBParser (strict)", case, biopython_atoms(
            PDBParser(PERMISSIVE=False, QUIET=False).get_structure(name, pdb)))
        compare_atoms(f"{name}.pdb PyMOL", case, pymol_atoms(pymol, pdb, downloads))

        check_pae_json(stem + "_pae.json", f"{name}_pae.json", case)
        check_confidence_json(stem + "_confidence.json", f"{name}_confidence.json", case)

    pymol.stop()

    print(f"1..{len(results)}")
    failed = 0
    for i, (name, ok, detail) in enumerate(results, 1):
        print(f"{'ok' if ok else 'not ok'} {i} - {name}")
        if not ok:
            failed += 1
            for line in str(detail).splitlines()[:10]:
                print(f"# {line}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
