#!/usr/bin/env python3
"""Generate Bantin's gazetteer CSVs from the PyPI package `vietnamadminunits`.

    python3 scripts/gen_gazetteer.py

Reads the package's SQLite snapshot of the 63-province / district / commune system that was in
force until 30 June 2025, plus its 63 -> 34 province mapping of 1 July 2025, and writes:

    crates/bantin-core/data/districts.csv   code,type,name,province,province_2025
    crates/bantin-core/data/communes.csv    type,name,district_code

Districts dissolved before the snapshot (2019 - early 2025) come from the hand-written
crates/bantin-core/data/districts_extra.csv and are appended to districts.csv.

Only the package's data files are read; its Python modules are never imported (they pull in
shapely/geopy), so it is installed with --no-deps into a temporary directory when the pinned
version is not already installed. Names are NFC with the tone-mark placement of
`bantin_core::fold::canonical_name` (`Hòa`, `Thủy`, never `Hoà`, `Thuỷ`).
"""

import collections
import csv
import importlib.metadata
import importlib.util
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import unicodedata

PACKAGE = "vietnamadminunits"
VERSION = "1.0.4"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "crates", "bantin-core", "data")

DISTRICT_TYPES = ["thành phố", "thị xã", "huyện", "quận"]
COMMUNE_TYPES = ["thị trấn", "phường", "xã"]


# ---------------------------------------------------------------- names (mirror of fold.rs)

TONES = {"\u0300", "\u0301", "\u0309", "\u0303", "\u0323"}


def split_tone(ch):
    """(vowel without its tone, tone mark), or None when `ch` carries no tone."""
    parts = unicodedata.normalize("NFD", ch)
    tones = [p for p in parts if p in TONES]
    if not tones:
        return None
    base = unicodedata.normalize("NFC", "".join(p for p in parts if p not in TONES))
    return (base, tones[0]) if len(base) == 1 else None


def canonical_tone(text):
    """Tone of open `oa`/`oe`/`uy` on the first vowel (`Hoà`->`Hòa`), as fold::canonical_tone."""
    chars = list(text)
    out = []
    i = 0
    while i < len(chars):
        c = chars[i]
        if i + 1 < len(chars) and c in "oOuU":
            is_open = i + 2 >= len(chars) or not chars[i + 2].isalpha()
            after_q = i > 0 and chars[i - 1] in "qQ"
            split = split_tone(chars[i + 1])
            if is_open and not after_q and split:
                base, tone = split
                fits = base in "aAeE" if c in "oO" else base in "yY"
                toned = unicodedata.normalize("NFC", c + tone)
                if fits and len(toned) == 1:
                    out += [toned, base]
                    i += 2
                    continue
        out.append(c)
        i += 1
    return "".join(out)


RETONED = set()  # source names whose tone placement canonical_name changed


def canonical_name(name):
    """NFC, single plain spaces, canonical tone placement (fold::canonical_name)."""
    text = unicodedata.normalize("NFC", name)
    text = "".join(" " if ch.isspace() else ch for ch in text if ch not in "\ufeff\u200b")
    text = " ".join(text.split())
    out = canonical_tone(text)
    if out != text:
        RETONED.add(text)
    return out


def split_type(full, types):
    """'Thị Xã Việt Yên' -> ('thị xã', 'Việt Yên'); the type prefix is matched case-insensitively."""
    for t in types:
        if full.lower().startswith(t + " "):
            return t, full[len(t) + 1:]
    raise ValueError(f"no type prefix in {full!r}")


def short_province(full):
    for prefix in ("Tỉnh ", "Thành phố "):
        if full.startswith(prefix):
            return full[len(prefix):]
    return full


# ---------------------------------------------------------------- package data

def package_dir():
    """(package directory, temporary dir to remove or None); installs the pinned version if needed."""
    try:
        if importlib.metadata.version(PACKAGE) == VERSION:
            spec = importlib.util.find_spec(PACKAGE)  # locates without importing
            if spec and spec.submodule_search_locations:
                return list(spec.submodule_search_locations)[0], None
    except importlib.metadata.PackageNotFoundError:
        pass
    target = tempfile.mkdtemp(prefix="vau-")
    print(f"installing {PACKAGE}=={VERSION} into {target}", file=sys.stderr)
    subprocess.check_call([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
                           "--target", target, f"{PACKAGE}=={VERSION}"])
    return os.path.join(target, PACKAGE), target


def load(pkg):
    db = sqlite3.connect(os.path.join(pkg, "data", "dataset.db"))
    rows = db.execute(
        "SELECT province, provinceKey, district, districtType, districtCode, districtKey,"
        " ward, wardType, wardKey FROM admin_units_legacy ORDER BY districtCode, wardCode"
    ).fetchall()
    with open(os.path.join(pkg, "data", "converter_2025.json"), encoding="utf-8") as f:
        converter = json.load(f)
    with open(os.path.join(pkg, "data", "parser_from_2025.json"), encoding="utf-8") as f:
        new_provinces = json.load(f)["DICT_PROVINCE"]
    return rows, converter, new_provinces


# ---------------------------------------------------------------- build

def build(rows, converter, new_provinces, notes):
    new_short = {k: v["provinceShort"] for k, v in new_provinces.items()}
    old_to_new = {old: new for new, olds in converter["DICT_PROVINCE"].items() for old in olds}

    # Where each old commune went, to check that no district is split across new provinces.
    ward_new = {}
    for new, wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for olds in wards.values():
            for old in olds:
                ward_new[old] = new
    for new, olds in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old in olds:
            ward_new.setdefault(old, new)

    districts = {}
    communes = []
    votes = collections.defaultdict(collections.Counter)
    for (prov, prov_key, dist, dist_type, code, dist_key, ward, ward_type, ward_key) in rows:
        if code not in districts:
            kind, name = split_type(dist, DISTRICT_TYPES)
            if kind != dist_type.lower():
                notes.append(f"district {dist} ({code}): type column says {dist_type!r}")
            province = canonical_name(short_province(prov))
            districts[code] = {
                "code": code, "type": kind, "name": canonical_name(name), "province": province,
                "province_2025": canonical_name(new_short[old_to_new[prov_key]]),
                "prov_key": prov_key,
            }
        if ward:  # five island districts have no communes
            kind, name = split_type(ward, COMMUNE_TYPES)
            if kind != ward_type.lower():
                notes.append(f"commune {ward} ({dist}): type column says {ward_type!r}; "
                             f"kept the name's {kind!r}")
            communes.append((kind, canonical_name(name), code))
            new = ward_new.get(f"{prov_key}_{dist_key}_{ward_key}")
            if new:
                votes[code][new] += 1

    unmapped = [d["name"] for code, d in districts.items() if not votes[code]]
    notes.append(f"{len(districts) - len(unmapped)} districts checked commune by commune against "
                 f"the 2025 ward mapping; {len(unmapped)} have no communes: {', '.join(unmapped)}")
    for code, d in districts.items():
        if votes[code]:
            top, _ = votes[code].most_common(1)[0]
            if len(votes[code]) > 1:
                notes.append(f"district {d['name']} ({code}) communes split over "
                             f"{dict(votes[code])}; kept the majority")
            if new_short[top] != d["province_2025"]:
                notes.append(f"district {d['name']} ({code}): communes went to {new_short[top]}, "
                             f"province mapping says {d['province_2025']}; kept communes'")
                d["province_2025"] = canonical_name(new_short[top])
    return districts, communes


def read_extra(by_province_2025):
    path = os.path.join(OUT, "districts_extra.csv")
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    extra = []
    for row in rows:
        kind = row["type"].strip().lower()
        assert kind in DISTRICT_TYPES, row
        province = canonical_name(row["province"])
        assert province in by_province_2025, f"unknown province in extra row {row}"
        extra.append({"code": row["code"].strip(), "type": kind,
                      "name": canonical_name(row["name"]), "province": province,
                      "province_2025": by_province_2025[province]})
    return extra


def write_csv(path, header, rows):
    for row in rows:
        for cell in row:
            assert "," not in cell and '"' not in cell and "\n" not in cell, row
    buf = io.StringIO()
    buf.write(",".join(header) + "\n")
    for row in rows:
        buf.write(",".join(row) + "\n")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(buf.getvalue())
    return len(buf.getvalue().encode("utf-8"))


def main():
    pkg, tmp = package_dir()
    try:
        rows, converter, new_provinces = load(pkg)
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    notes = []
    districts, communes = build(rows, converter, new_provinces, notes)
    by_province_2025 = {d["province"]: d["province_2025"] for d in districts.values()}
    extra = read_extra(by_province_2025)

    known_codes = set(districts)
    for e in extra:
        assert not e["code"] or e["code"] not in known_codes, f"code clash: {e}"
    ids = collections.Counter(
        (d["type"], d["name"].lower(), d["province"]) for d in list(districts.values()) + extra)
    assert all(n == 1 for n in ids.values()), [k for k, n in ids.items() if n > 1]

    out_districts = [(d["code"], d["type"], d["name"], d["province"], d["province_2025"])
                     for d in districts.values()]
    out_districts += [(e["code"], e["type"], e["name"], e["province"], e["province_2025"])
                      for e in extra]
    dsize = write_csv(os.path.join(OUT, "districts.csv"),
                      ["code", "type", "name", "province", "province_2025"], out_districts)
    csize = write_csv(os.path.join(OUT, "communes.csv"),
                      ["type", "name", "district_code"], communes)

    provinces = sorted(set(by_province_2025))
    print(f"{PACKAGE} {VERSION}: {len(provinces)} provinces, {len(districts)} districts "
          f"+ {len(extra)} hand-added, {len(communes)} communes; "
          f"districts.csv {dsize} B, communes.csv {csize} B")
    if RETONED:
        print(f"note: moved the tone mark in {len(RETONED)} source names, e.g. "
              + ", ".join(sorted(RETONED)[:5]))
    for note in notes:
        print("note:", note)


if __name__ == "__main__":
    main()
