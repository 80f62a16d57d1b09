"""Which marts exist and what to call them in Turkish.

The marts are discovered from the DuckDB catalog, never listed here, so a mart added by dbt appears
in every export on the next refresh. This module only names the known ones for the strategy unit
(sheet names, column headers); an unknown mart or column keeps its English identifier.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

MARTS_SCHEMA = "marts"

# Known marts in the order an analyst reads a document, with their Turkish names (Excel sheets: ≤ 31 chars).
MART_LABELS: dict[str, str] = {
    "dim_document": "belge",
    "dim_goal": "amaçlar",
    "dim_target": "hedefler",
    "dim_performance_target": "performans hedefleri",
    "dim_indicator": "göstergeler",
    "fct_indicator_value": "gösterge değerleri",
    "fct_indicator_achievement": "gösterge başarıları",
    "dim_activity": "faaliyetler",
    "fct_budget": "bütçe",
    "agg_budget_by_economic_code": "bütçe (ekonomik koda göre)",
    "agg_budget_by_service_area": "bütçe (hizmet alanına göre)",
    "agg_success_by_goal": "başarı (amaca göre)",
    "agg_success_by_target": "başarı (hedefe göre)",
    "agg_success_by_service_area": "başarı (hizmet alanına göre)",
    "rpt_reconciliation": "mutabakat",
    "rpt_extraction_issues": "sorunlar",
    "document_table_cell": "diğer tablolar",
    "dim_economic_code": "ekonomik kodlar",
    "dim_success_band": "başarı düzeyleri",
    "meta_build": "derleme",
}

COLUMN_LABELS: dict[str, str] = {
    "document_id": "belge",
    "administration": "idare",
    "document_type": "belge türü",
    "period_start_year": "dönem başlangıcı",
    "period_end_year": "dönem sonu",
    "fiscal_year": "mali yıl",
    "source_file": "kaynak dosya",
    "source_sha256": "sha256",
    "detected_from": "tanımlama kaynağı",
    "source_line": "kaynak satır",
    "goal_id": "amaç id",
    "goal_code": "amaç kodu",
    "goal_text": "stratejik amaç",
    "service_area": "hizmet alanı",
    "transformation_area": "dönüşüm alanı",
    "target_id": "hedef id",
    "target_code": "hedef kodu",
    "target_text": "stratejik hedef",
    "responsible_units": "sorumlu birimler",
    "cost_estimate_try": "maliyet tahmini (TL)",
    "performance_target_id": "performans hedefi id",
    "indicator_id": "gösterge id",
    "indicator_code": "gösterge kodu",
    "indicator_name": "performans göstergesi",
    "unit": "ölçü birimi",
    "weight_pct": "hedefe etkisi (%)",
    "monitoring_frequency": "izleme sıklığı",
    "reporting_frequency": "raporlama sıklığı",
    "activity_id": "faaliyet id",
    "activity_code": "faaliyet kodu",
    "activity_name": "faaliyet / proje",
    "year": "yıl",
    "value_type": "değer türü",
    "value": "değer",
    "value_raw": "yazıldığı gibi",
    "grain": "düzey",
    "economic_code": "ekonomik kod",
    "economic_code_name": "ekonomik kod adı",
    "funding_source": "finansman kaynağı",
    "amount_try": "tutar (TL)",
    "amount_note": "tutar notu",
    "check_name": "kontrol",
    "subject": "konu",
    "expected": "beklenen",
    "actual": "bulunan",
    "difference": "fark",
    "status": "durum",
    "table_name": "tablo",
    "severity": "önem",
    "message": "açıklama",
    "raw_text": "satır metni",
    "table_no": "tablo no",
    "table_title": "tablo başlığı",
    "row_no": "satır no",
    "column_no": "sütun no",
    "header": "sütun başlığı",
    "achievement_pct": "gerçekleşme oranı (%)",
    "success_band": "başarı düzeyi",
    "score": "puan",
    "baseline_value": "başlangıç değeri",
    "target_value": "hedef değer",
    "actual_value": "gerçekleşen değer",
    "built_at": "derleme zamanı",
}


@dataclass(frozen=True)
class Mart:
    """A table of schema `marts` with its columns and DuckDB types, as the catalog reports them."""

    name: str
    columns: tuple[tuple[str, str], ...]

    @property
    def label(self) -> str:
        return MART_LABELS.get(self.name, self.name)

    @property
    def column_names(self) -> list[str]:
        return [name for name, _ in self.columns]

    @property
    def per_document(self) -> bool:
        return "document_id" in self.column_names

    @property
    def sort_key(self) -> tuple[int, str]:
        """Known marts in reading order, then any new mart by name."""
        order = list(MART_LABELS)
        return (order.index(self.name), "") if self.name in MART_LABELS else (len(order), self.name)


def column_label(column: str) -> str:
    return COLUMN_LABELS.get(column, column)


def discover_marts(con: duckdb.DuckDBPyConnection) -> list[Mart]:
    """Every table and view of schema `marts`, in reading order."""
    rows = con.execute(
        "select table_name, column_name, data_type from information_schema.columns "
        "where table_schema = ? order by table_name, ordinal_position",
        [MARTS_SCHEMA],
    ).fetchall()
    columns: dict[str, list[tuple[str, str]]] = {}
    for table, column, dtype in rows:
        columns.setdefault(table, []).append((column, dtype))
    return sorted((Mart(name, tuple(cols)) for name, cols in columns.items()), key=lambda mart: mart.sort_key)


def document_ids(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [row[0] for row in con.execute("select document_id from marts.dim_document order by 1").fetchall()]


def quoted(identifier: str) -> str:
    """Quote a catalog identifier (a mart or column name, never document content)."""
    return '"' + identifier.replace('"', '""') + '"'
