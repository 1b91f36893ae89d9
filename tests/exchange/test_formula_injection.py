"""Formula injection (issue 10): text from the catalog or from submitted files that starts like a
formula is written to .xlsx as text, never as a live formula, and read back unchanged."""

import pytest
import yaml
from django.core.management import call_command
from factories import UnitFactory
from openpyxl import load_workbook

from gongzhi.core.exporters.xlsx import safe_cell
from gongzhi.exchange.services import catalog_load

HOSTILE = ['=HYPERLINK("http://example.invalid","点我")', "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)"]


def _catalog(provider: str) -> str:
    return yaml.safe_dump(
        [
            {
                "code": "hostile_demo",
                "name": "演示数据项",
                "description": HOSTILE[0],
                "provider_units": [provider],
                "frequency": "monthly",
                "purpose": HOSTILE[1],
                "fields": [
                    {"code": "uscc", "name": HOSTILE[2], "type": "text", "required": True},
                    {"code": "note", "name": HOSTILE[4], "type": "text"},
                ],
            }
        ],
        allow_unicode=True,
    )


def _cells(path):
    book = load_workbook(path)
    return [cell for ws in book for row in ws.iter_rows() for cell in row if isinstance(cell.value, str)]


def test_the_catalog_export_writes_formula_like_text_as_text(db, tmp_path):
    catalog_load(actor=None, data=_catalog(UnitFactory().name).encode(), filename="演示.yaml")
    path = tmp_path / "需求清单.xlsx"
    call_command("exchange", "catalog", "export", str(path), stdout=open("/dev/null", "w"))
    cells = {c.value: c for c in _cells(path)}
    for text in (HOSTILE[0], HOSTILE[1], HOSTILE[2], HOSTILE[4]):
        cell = cells[text]  # the text survives unchanged
        assert cell.data_type == "s" and cell.quotePrefix, text


@pytest.mark.parametrize("text", HOSTILE)
def test_safe_cell_never_makes_a_formula(text, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.append([safe_cell(ws, text), safe_cell(ws, 12), safe_cell(ws, None)])
    book.save(tmp_path / "t.xlsx")
    cell = load_workbook(tmp_path / "t.xlsx").active["A1"]
    assert (cell.value, cell.data_type) == (text, "s")
