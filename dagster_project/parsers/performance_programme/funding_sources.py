"""The funding sources (finansman kaynağı) a programme names, read from their one home.

A programme's amounts come from four sources: the budget (Bütçe Ödeneği) and three outside it
(Bütçe Dışı: Döner Sermaye, Diğer Yurt İçi, Yurt Dışı). Section 2.5 gives each outside source a row
of its own and the cost tables a column; the exports show the same names beside the warehouse's
codes (`revolving_fund`, `other_domestic`, `foreign`). The names are written once, in the value
rows of `seeds/export_labels.csv` (column `funding_source`), which dbt loads as a seed for the
exports' labels: the parser reads that file rather than keeping a copy, so a source added or
renamed there is recognised in the documents and labelled in the exports alike, and the parser
records each row's code (`pp_resource_needs.funding_source`) so that dbt does not match names a
second time. The budget is not recognised by its name: 2.5's group rows (`Bütçe Kaynak İhtiyacı`)
and the cost table's `Bütçe Ödeneği` header tell its rows.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

# Also in the parser version (incremental.PARSER_CODE): a change to it changes what is parsed.
LABELS_FILE = Path(__file__).resolve().parents[3] / "seeds" / "export_labels.csv"
BUDGET = "budget"


@cache
def non_budget_sources() -> dict[str, str]:
    """Name as the documents write it (Turkish, lower case: `döner sermaye`) → funding source code,
    for the sources outside the budget."""
    with LABELS_FILE.open(encoding="utf-8", newline="") as handle:
        return {
            row["label_tr"]: row["name"]
            for row in csv.DictReader(handle)
            if row["kind"] == "value" and row["column_name"] == "funding_source" and row["name"] != BUDGET
        }
