"""`make corpus N=… DIR=… SEED=…`: write N generated plan documents into a folder (never `raw/`).

Document i is a strategic plan when i % 3 == 0, else a performance programme (an administration
publishes one plan per five years and a programme every year). Its identity (administration,
kind, period) comes from a seeded shuffle of every combination, so document ids are unique, and its
variations from a generator seeded with (seed, i, revision): the same seed always writes the same
bytes, and a corpus of 200 is the first 200 documents of a corpus of 2,000. `revision` changes the
amounts and layout of one document but not its identity (the benchmark's "one document changed").

Usage: python -m tools.corpus.generate N DIR [--seed S]
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from dagster_project.document_scan import administration_slug
from tools.corpus import variation as v
from tools.corpus.administrations import Administration, administrations

DEFAULT_SEED = 20240601
RAW_DIR = Path(__file__).resolve().parents[2] / "raw"
SOURCES = {
    "strategic_plan": ("kocaeli_bb_stratejik_plan_2020_2024.txt", "KOCAELİ", 2020),
    "performance_programme": ("kayseri_bb_performans_programi_2024.txt", "KAYSERİ", 2024),
}
# Plan periods 2010-2014 … 2025-2029; programme years 2016 … 2031.
PLAN_OFFSETS = (-10, -5, 0, 5)
PROGRAMME_OFFSETS = tuple(range(-8, 8))


@dataclass(frozen=True)
class Identity:
    """Who published a generated document and for which period."""

    document_type: str
    administration: Administration
    year_offset: int

    @property
    def document_id(self) -> str:
        """The id the registry derives from the text (`document_scan`), e.g. `sivas-bld-pp-2019`."""
        _, _, year = SOURCES[self.document_type]
        start = year + self.year_offset
        slug = administration_slug(self.administration.cover)
        if self.document_type == "strategic_plan":
            return f"{slug}-sp-{start}-{start + 4}"
        return f"{slug}-pp-{start}"


def document_type(index: int) -> str:
    return "strategic_plan" if index % 3 == 0 else "performance_programme"


@cache
def _identities(document_type: str, seed: int) -> list[Identity]:
    offsets = PLAN_OFFSETS if document_type == "strategic_plan" else PROGRAMME_OFFSETS
    combos = [Identity(document_type, a, o) for a in administrations() for o in offsets]
    random.Random(f"{seed}:{document_type}").shuffle(combos)
    return combos


def identity(index: int, seed: int = DEFAULT_SEED) -> Identity:
    """The identity of document `index`: the n-th unused combination of its type."""
    kind = document_type(index)
    nth = sum(1 for i in range(index) if document_type(i) == kind)
    combos = _identities(kind, seed)
    if nth >= len(combos):
        raise ValueError(f"at most {len(combos)} distinct {kind} documents can be generated")
    return combos[nth]


@cache
def _source_lines(document_type: str) -> tuple[str, ...]:
    file_name = SOURCES[document_type][0]
    return tuple((RAW_DIR / file_name).read_text(encoding="utf-8").split("\n"))


def generate_document(index: int, seed: int = DEFAULT_SEED, revision: int = 0) -> tuple[str, str]:
    """The text of document `index` and its file name."""
    who = identity(index, seed)
    rng = random.Random(f"{seed}:{index}:{revision}")
    lines = list(_source_lines(who.document_type))
    if who.document_type == "strategic_plan":
        lines = v.perturb_plan_costs(lines, rng)
        lines = v.drop_plan_indicators(lines, rng, rng.randint(0, 3))
        lines = v.shuffle_rows(lines, rng, v.PLAN_INDICATOR_ROW)
        lines = v.shuffle_rows(lines, rng, v.PLAN_ACTIVITY_ROW)
        lines = v.repeat_header(lines, rng, v.PLAN_COST_HEADER, v.PLAN_TARGET_ROW)
        lines = v.shift_card(lines, rng)
    else:
        lines = v.scale_programme_amounts(lines, rng.choice([p for p in range(60, 161) if p != 100]))
        lines = v.shuffle_rows(lines, rng, v.PROGRAMME_COST_ROW)
        lines = v.repeat_header(lines, rng, v.PROGRAMME_2_4_HEADER, v.PROGRAMME_2_4_ROW)
    _, original, _ = SOURCES[who.document_type]
    text = v.rename_administration("\n".join(lines), original, who.administration)
    text = v.shift_years(text, who.year_offset)
    return text, f"{who.document_id}.txt"


def write_corpus(count: int, directory: Path, seed: int = DEFAULT_SEED) -> list[Path]:
    """Write `count` documents into `directory` (created; `raw/` itself is refused)."""
    directory = directory.resolve()
    if directory == RAW_DIR.resolve():
        raise ValueError("the corpus never goes into raw/: choose another folder")
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        text, name = generate_document(index, seed)
        path = directory / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("count", type=int)
    parser.add_argument("directory", type=Path)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    paths = write_corpus(args.count, args.directory, args.seed)
    size = sum(path.stat().st_size for path in paths)
    print(f"wrote {len(paths)} documents ({size / 1e6:.1f} MB) to {args.directory} (seed {args.seed})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
