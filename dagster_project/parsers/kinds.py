"""The document types the warehouse reads: each subpackage of `dagster_project.parsers` is one and
declares it as `KIND` (a `base.DocumentKind`), the type's one declaration.

`document_scan` recognises a document by the kinds' cover titles, `extraction` parses it with the
kind's parser (whose pandera models are its raw tables), the exports draw the kind's report layout
and monitoring links the indicators of the kinds that report actuals: a new document type is a new
parser package, and no list elsewhere names it.
"""

from __future__ import annotations

import importlib
import pkgutil

from dagster_project import parsers
from dagster_project.parsers.base import DocumentKind


def discover() -> tuple[DocumentKind, ...]:
    """The `KIND` of every subpackage of `dagster_project.parsers`, in package name order.

    A subpackage without one, or two kinds with one type or slug, fail here: a document type that
    is half declared would otherwise be refused, or two types share their document_ids.
    """
    found: list[DocumentKind] = []
    for module in pkgutil.iter_modules(parsers.__path__, f"{parsers.__name__}."):
        if not module.ispkg:
            continue
        kind = getattr(importlib.import_module(module.name), "KIND", None)
        if not isinstance(kind, DocumentKind):
            raise TypeError(f"{module.name} declares no KIND (a parsers.base.DocumentKind of its type)")
        found.append(kind)
    for field in ("document_type", "slug"):
        values = [getattr(kind, field) for kind in found]
        if len(set(values)) < len(values):
            raise ValueError(f"two document kinds declare one {field}: {values}")
    return tuple(found)


# Read as `kinds.DOCUMENT_KINDS` when used (never copied at import), so a test may declare a type.
DOCUMENT_KINDS = discover()


def document_types() -> tuple[str, ...]:
    return tuple(kind.document_type for kind in DOCUMENT_KINDS)


def kind_of(document_type: str) -> DocumentKind:
    """The declaration of a type; a type no parser package declares is an error that names them."""
    for kind in DOCUMENT_KINDS:
        if kind.document_type == document_type:
            return kind
    raise KeyError(f"unknown document type {document_type!r} (declared: {', '.join(document_types())})")
