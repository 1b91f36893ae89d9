"""The official documents: the task ledger and indicator table (.xlsx), the round's progress
report and notice and a supervision order (.docx, GB/T 9704 layout), read back.

The plan's documents are read over the reference plan of the demo data set (the `plan` fixture
requests `demo`: 41 tasks, its indicators and rounds); the order is built with factories.
"""

import io

import pytest
from docx import Document
from factories import SupervisionOrderFactory, UserFactory
from openpyxl import load_workbook

from gongzhi.core.roles import Role
from gongzhi.plans.models import PolicyDocument
from gongzhi.supervision.models import ReportingRound

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(demo):
    return PolicyDocument.objects.get(doc_number="周政办字〔2023〕8号")


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_ledger_has_every_task(plan, users, client_for):
    response = client_for(users["leader"]).get(f"/supervision/plans/{plan.pk}/ledger.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(_body(response))).active
    numbers = [row[2] for row in sheet.iter_rows(values_only=True) if row[2] and str(row[2]).startswith("（")]
    assert numbers == [f"（{n}）" for n in range(1, 42)]
    text = " ".join(str(c) for row in sheet.iter_rows(values_only=True) for c in row if c)
    assert "每千人口3岁以下婴幼儿托位数" in text and "区卫生健康局" in text


def test_indicator_table_lists_every_indicator(plan, users, client_for):
    response = client_for(users["plan_office"]).get(f"/supervision/plans/{plan.pk}/indicators.xlsx")
    sheet = load_workbook(io.BytesIO(_body(response))).active
    names = {row[1] for row in sheet.iter_rows(values_only=True)}
    assert set(plan.indicators.filter(active=True).values_list("name", flat=True)) <= names


def test_progress_report_and_notice_open_with_their_sections(plan, users, client_for):
    round_ = ReportingRound.objects.filter(plan=plan).latest("period_end")
    client = client_for(users["plan_office"])
    report = Document(io.BytesIO(_body(client.get(f"/supervision/rounds/{round_.pk}/report.docx"))))
    paragraphs = [p.text for p in report.paragraphs]
    for heading in ("一、总体情况", "二、各项任务进展", "三、存在的主要问题", "四、下步工作"):
        assert heading in paragraphs
    assert any(round_.period_label in p for p in paragraphs)
    assert len(report.tables) == 2 and len(report.tables[0].rows) == 42  # header + 41 tasks
    assert report.tables[1].rows[-1].cells[-1].text.endswith("日印发")  # then the 版记
    assert report.sections[0].page_height.mm == pytest.approx(297, abs=1)
    notice = Document(io.BytesIO(_body(client.get(f"/supervision/rounds/{round_.pk}/notice.docx"))))
    text = "\n".join(p.text for p in notice.paragraphs)
    assert "通报" in text and "一、报送情况" in text and "各有关单位：" in text


def test_order_prints_with_its_number(client_for):
    # given an order to a liaison's unit, printed by that liaison
    liaison = UserFactory(role=Role.LIAISON)
    order = SupervisionOrderFactory(unit=liaison.unit)
    document = Document(
        io.BytesIO(_body(client_for(liaison).get(f"/supervision/orders/{order.pk}/print.docx")))
    )
    text = "\n".join(p.text for p in document.paragraphs)
    assert order.number in text and "督办事项" in text and order.unit.name in text


def test_docx_converts_with_libreoffice_where_installed(plan, users, client_for, tmp_path):
    import shutil
    import subprocess

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed on this machine")
    round_ = ReportingRound.objects.filter(plan=plan).latest("period_end")
    path = tmp_path / "report.docx"
    path.write_bytes(
        _body(client_for(users["plan_office"]).get(f"/supervision/rounds/{round_.pk}/report.docx"))
    )
    subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    assert (tmp_path / "report.pdf").stat().st_size > 1000
