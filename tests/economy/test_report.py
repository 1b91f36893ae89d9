"""The economic analysis report (.docx, 公文): it opens, has its headings and charts, its figures
are the cube's, plan completion is worked out against the entered plan; the leader downloads the
leading-group version, only the offices the working version with names; the liaison nothing."""

import io
from decimal import Decimal

import docx
import pytest
from django.urls import reverse

from gongzhi.core.audit import AuditAction
from gongzhi.core.models import AuditEntry
from gongzhi.economy import cube, report_charts
from gongzhi.economy.models import RevenuePlan
from gongzhi.economy.report import report_docx, wan

pytestmark = pytest.mark.django_db

PERIOD = "2025-06"  # within the demo's synthetic payments (2024-01 .. 2025-12)


def _open(path) -> docx.Document:
    return docx.Document(str(path))


def _text(document) -> str:
    return "\n".join(p.text for p in document.paragraphs)


def test_the_report_opens_with_its_headings_charts_and_the_cubes_figures(demo, users):
    RevenuePlan.objects.update_or_create(
        year=2025, tax_type="", defaults={"amount": Decimal("1000000000.00")}
    )
    path = report_docx(user=users["leader"], period=PERIOD, mode="ytd")
    document = _open(path)
    text = _text(document)
    assert "关于2025年1—6月全区经济运行和税收收入情况的分析报告" in text
    for heading in ("一、税收收入完成情况", "二、税源结构", "三、行业税负", "四、收入预测"):
        assert heading in text
    assert len(document.inline_shapes) >= 3  # monthly bars, tax types, forecast
    # the figures are the cube's, to the cent in 万元 (two places)
    view = cube.revenue_view(user=None, by="tax_type", period=PERIOD)
    revenue = document.tables[0]
    total = [c.text for c in revenue.rows[-1].cells]
    assert total[0] == "合计" and total[1] == wan(view.total.month) and total[3] == wan(view.total.ytd)
    by_type = {row.cells[0].text: row.cells[3].text for row in revenue.rows[1:-1]}
    assert by_type == {r.label: wan(r.ytd) for r in view.rows}
    # plan completion against the entered plan, beside 序时进度 (6/12)
    done = (view.total.ytd / Decimal("1000000000.00") * 100).quantize(Decimal("0.01"))
    assert f"累计完成{done}%" in text and "序时进度50.00%" in text
    # the forecast states its backtest errors beside the seasonal-naive baseline
    assert "回测" in text and "MAPE" in text and "季节朴素基准" in text
    # the leading-group version names no taxpayer
    assert "有限公司" not in text and "领导小组版不列纳税人名称" in text


def test_the_working_version_names_the_key_taxpayers(demo, users):
    text = "\n".join(
        cell.text
        for table in _open(report_docx(user=users["cogov_office"], period=PERIOD, with_names=True)).tables
        for row in table.rows
        for cell in row.cells
    )
    assert "（虚构）" in text  # the demo's synthetic company names


def test_who_may_download_which_version(demo, users, client_for):
    url = reverse("economy:report")
    leader = client_for(users["leader"])
    assert leader.get(url).status_code == 200
    response = leader.get(url, {"period": PERIOD, "mode": "month", "download": "1"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    document = docx.Document(io.BytesIO(b"".join(response.streaming_content)))
    assert "一、税收收入完成情况" in _text(document)
    entry = AuditEntry.objects.filter(action=AuditAction.ECONOMY_REPORT_EXPORTED).latest("seq")
    assert entry.username == "lingdao" and entry.detail["names"] is False
    assert leader.get(url, {"period": PERIOD, "names": "1", "download": "1"}).status_code == 403
    assert client_for(users["liaison"]).get(url).status_code == 403
    bad = leader.get(url, {"period": "2025-13", "download": "1"}, follow=True)
    assert bad.status_code == 200 and "报告月份" in bad.content.decode()


def test_charts_find_a_cjk_font_or_fall_back(monkeypatch):
    png = report_charts.monthly_bars(["2025-01", "2025-02"], [1.0, 2.0], [1.5, 1.0], year=2025)
    assert png.startswith(b"\x89PNG")
    report_charts.cjk_font_path.cache_clear()
    monkeypatch.setattr(report_charts, "FONT_FILES", ())
    monkeypatch.setattr(report_charts, "FONT_HINTS", ("no-such-font",))
    try:
        assert report_charts.cjk_font_path() is None
        assert report_charts.horizontal_bars(["增值税"], [3.0], codes=["1"]).startswith(b"\x89PNG")
    finally:
        report_charts.cjk_font_path.cache_clear()


def test_a_report_built_in_the_background_is_downloaded_by_its_owner_only(
    demo, users, client_for, data_dir, django_capture_on_commit_callbacks
):
    from gongzhi.core.choices import JobState
    from gongzhi.core.models import JobRun

    url = reverse("economy:report")
    before = JobRun.objects.filter(kind="economy.report").count()
    leader = client_for(users["leader"])
    assert leader.post(url, {"period": PERIOD, "mode": "ytd", "names": "1"}).status_code == 403
    assert JobRun.objects.filter(kind="economy.report").count() == before

    office = client_for(users["cogov_office"])
    with django_capture_on_commit_callbacks(execute=True):
        assert office.post(url, {"period": PERIOD, "mode": "ytd", "names": "1"}).status_code == 302
    job = JobRun.objects.filter(kind="economy.report", created_by=users["cogov_office"]).latest("created_at")
    assert job.state == JobState.SUCCEEDED and job.progress == 100
    page = office.get(url).content.decode()
    assert reverse("economy:report_download", args=[job.pk]) in page
    response = office.get(reverse("economy:report_download", args=[job.pk]))
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(b"".join(response.streaming_content)))
    assert "（工作版）" in _text(document)
    entry = AuditEntry.objects.filter(action=AuditAction.ECONOMY_REPORT_EXPORTED).latest("seq")
    assert entry.detail["job"] == job.pk and entry.detail["names"] is True
    # not the tax officer's job, nor the leader's
    for other in ("tax_officer", "leader"):
        assert (
            client_for(users[other]).get(reverse("economy:report_download", args=[job.pk])).status_code == 404
        )
