"""Matching the header row of a file (or the keys of API rows) to a dataset's fields.

A column matches a field by its Chinese name or its code, in any order, ignoring spaces,
full-width/half-width differences, letter case, a leading '*' (a "required" marker in many
templates) and a trailing "（必填）"/"（选填）".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from gongzhi.exchange.validation.checks import fold_width

if TYPE_CHECKING:
    from gongzhi.exchange.validation.spec import DatasetSpec, FieldSpec

_SPACES_RE = re.compile(r"[\s\u200b\ufeff]+")
_MARKERS_RE = re.compile(r"^[*]+|[*]+$|\((?:必填|选填|可选)\)$")
HEADER_SCAN_ROWS = 10


def normalize_header(text: object) -> str:
    value = fold_width("" if text is None else str(text))
    value = _SPACES_RE.sub("", value).lower()
    previous = None
    while previous != value:
        previous, value = value, _MARKERS_RE.sub("", value)
    return value


@dataclass
class HeaderMatch:
    headers: list[str]
    columns: dict[str, int] = field(default_factory=dict)  # field code -> column index (0-based)
    extra: list[tuple[int, str]] = field(default_factory=list)  # columns that match no field
    duplicates: dict[str, list[int]] = field(default_factory=dict)  # field code -> all its columns
    missing_required: list[FieldSpec] = field(default_factory=list)
    missing_optional: list[FieldSpec] = field(default_factory=list)

    @property
    def score(self) -> int:
        return len(self.columns)


def _lookup(spec: DatasetSpec) -> dict[str, str]:
    table: dict[str, str] = {}
    for f in spec.fields:
        table.setdefault(normalize_header(f.code), f.code)
        table.setdefault(normalize_header(f.name), f.code)
    return table


def match_headers(headers: list[object], spec: DatasetSpec) -> HeaderMatch:
    lookup = _lookup(spec)
    texts = ["" if h is None else str(h).strip() for h in headers]
    result = HeaderMatch(headers=texts)
    seen: dict[str, list[int]] = {}
    for index, text in enumerate(texts):
        code = lookup.get(normalize_header(text))
        if code is None:
            if normalize_header(text):
                result.extra.append((index, text))
            continue
        seen.setdefault(code, []).append(index)
    for code, indexes in seen.items():
        result.columns[code] = indexes[0]
        if len(indexes) > 1:
            result.duplicates[code] = indexes
    for f in spec.fields:
        if f.code not in result.columns:
            (result.missing_required if spec.is_required(f) else result.missing_optional).append(f)
    return result


def find_header_row(rows: list[list[object]], spec: DatasetSpec) -> tuple[int, HeaderMatch] | None:
    """The first row, among the first few, that matches the most fields (title rows above it are skipped)."""
    best: tuple[int, HeaderMatch] | None = None
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        match = match_headers(list(row), spec)
        if match.score and (best is None or match.score > best[1].score):
            best = (index, match)
    return best


def column_letter(index: int) -> str:
    """0 -> A, 26 -> AA (for messages about spreadsheet columns)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters
