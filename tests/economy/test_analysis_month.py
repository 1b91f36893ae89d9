"""数据截至月份: the month the economy pages analyse by default. Unset, the latest month with paid
data; economy.manage sets and clears it (audited); the revenue, structure, burden, forecast and
report pages default to it and an explicit month still wins; the forecast is cut at it."""

from decimal import Decimal

import pytest
from django.urls import reverse

from gongzhi.core.models import AuditEntry
from gongzhi.demo.taxrisk import DATA_END
from gongzhi.economy import burden, cube
from gongzhi.economy.analysis_month import analysis_month, analysis_month_save, chosen_month
from gongzhi.economy.demo import synthetic_data_end
from gongzhi.economy.forecast_services import fitted_series, series_forecast
from gongzhi.economy.models import AnalysisSetting

SET = reverse("economy:analysis_month_set")
END = f"{DATA_END:%Y-%m}"


def test_the_demo_analyses_the_last_month_of_the_synthetic_data(demo):
    setting = AnalysisSetting.objects.get()
    assert setting.data_end == synthetic_data_end() == END == "2025-12"
    assert "虚构" in setting.note and "2025年12月" in setting.note
    # the exchange demo's later payments are there, but are not the default
    assert cube.latest_period(user=None) > END
    assert analysis_month(user=None) == END


def test_unset_it_is_the_latest_month_with_data(demo, users, client_for):
    AnalysisSetting.objects.all().delete()
    latest = cube.latest_period(user=None)
    assert chosen_month() == "" and analysis_month(user=None) == latest
    page = client_for(users["leader"]).get(reverse("economy:revenue"))
    assert page.context["period"] == latest and "未设置数据截至月份" in page.content.decode()


def test_only_manage_sets_and_clears_it_audited(demo, users, client_for):
    AnalysisSetting.objects.all().delete()
    for role in ("leader", "tax_officer"):
        assert client_for(users[role]).post(SET, {"data_end": "2025-06"}).status_code == 403
    assert not AnalysisSetting.objects.exists()
    assert (
        "analysis-month-form"
        not in client_for(users["leader"]).get(reverse("economy:revenue")).content.decode()
    )

    office = client_for(users["cogov_office"])
    assert office.post(SET, {"data_end": "2025-06", "note": "6月数据已齐"}).status_code == 302
    setting = AnalysisSetting.objects.get()
    assert (setting.data_end, setting.note, setting.updated_by) == (
        "2025-06",
        "6月数据已齐",
        users["cogov_office"],
    )
    entry = AuditEntry.objects.filter(action="economy_analysis_month_set").latest("seq")
    assert entry.detail["before"] == "" and entry.detail["after"] == "2025-06"
    assert entry.user_id == users["cogov_office"].pk

    # bad months are refused with a Chinese message, nothing changed
    for bad, message in [("2025-13", "数据截至月份应为YYYY-MM格式"), ("25-06", "数据截至月份应为YYYY-MM格式"),
                         ("2099-01", "数据截至月份不能晚于本月")]:  # fmt: skip
        page = office.post(SET, {"data_end": bad}, follow=True).content.decode()
        assert message in page, bad
    assert AnalysisSetting.objects.get().data_end == "2025-06"
    page = office.get(reverse("economy:revenue")).content.decode()
    assert "数据截至2025年6月" in page

    # cleared: the latest month again
    assert office.post(SET, {"data_end": ""}).status_code == 302
    assert chosen_month() == "" and analysis_month(user=None) == cube.latest_period(user=None)
    entry = AuditEntry.objects.filter(action="economy_analysis_month_set").latest("seq")
    assert (entry.detail["before"], entry.detail["after"]) == ("2025-06", "")
    assert AnalysisSetting.objects.count() == 1


def test_the_service_refuses_a_leader(demo, users):
    from gongzhi.core.exceptions import ApplicationError

    with pytest.raises(ApplicationError):
        analysis_month_save(actor=users["leader"], period="2025-06")


def test_the_pages_default_to_it_and_an_explicit_month_wins(demo, users, client_for):
    analysis_month_save(actor=None, period="2025-06")
    client = client_for(users["leader"])
    assert client.get(reverse("economy:revenue")).context["period"] == "2025-06"
    assert client.get(reverse("economy:structure")).context["period"] == "2025-06"
    assert client.get(reverse("economy:report")).context["period"] == "2025-06"
    latest_year = burden.latest_year(user=None)
    assert client.get(reverse("economy:burden")).context["year"] == min(latest_year, 2025)

    assert client.get(reverse("economy:revenue"), {"period": "2025-03"}).context["period"] == "2025-03"
    assert client.get(reverse("economy:structure"), {"period": "2025-03"}).context["period"] == "2025-03"
    assert client.get(reverse("economy:report"), {"period": "2025-03"}).context["period"] == "2025-03"
    assert client.get(reverse("economy:burden"), {"year": 2024}).context["year"] == 2024
    assert client.get(reverse("economy:forecast"), {"period": "2025-13"}).status_code == 400


def test_the_forecast_is_cut_at_it(demo, users, client_for):
    assert chosen_month() == END
    sf = series_forecast(user=None)
    # the synthetic payments start in 2024-01; a stray 2,000-yuan payment in 2023-12 is trimmed
    first = cube.monthly_series(user=None)[0][0]
    assert first < "2024-01" and sf.periods[0] == "2024-01"
    assert sf.data_end == END and sf.periods[-1] == END
    assert len(sf.periods) == 24 and sf.result is not None
    points = [p.period for p in sf.result.points]
    assert points[0] == "2026-01" and points[-1] == "2026-12" and len(points) == 12
    assert all(p.value > 0 for p in sf.result.points)
    print(
        f"demo forecast: {sf.result.method}, "
        + ", ".join(f"{k} MAPE {s.mape:.2f}% MASE {s.mase:.3f}" for k, s in sf.result.scores.items() if s)
    )
    page = client_for(users["leader"]).get(reverse("economy:forecast")).content.decode()
    assert "数据截至2025年12月" in page and "2026年1月" in page


def test_an_explicit_month_cuts_the_forecast_there(demo, users, client_for):
    response = client_for(users["leader"]).get(reverse("economy:forecast"), {"period": "2025-09"})
    sf = response.context["sf"]
    assert sf.data_end == "2025-09" and sf.periods[-1] == "2025-09"
    assert sf.result.points[0].period == "2025-10"
    assert "数据截至2025年9月" in response.content.decode()


def test_the_fitted_series_is_cut_and_starts_at_the_first_paid_month():
    series = [("2022-11", Decimal("0")), ("2022-12", Decimal("0")), ("2023-01", Decimal("5")),
              ("2023-02", Decimal("0")), ("2023-03", Decimal("7")), ("2023-04", Decimal("1"))]  # fmt: skip
    assert fitted_series(series, "2023-03") == (["2023-01", "2023-02", "2023-03"], [5.0, 0.0, 7.0])
    assert fitted_series(series, "")[0][-1] == "2023-04"
    assert fitted_series(series[:2], None) == ([], [])
    stray = [("2023-12", Decimal("2000")), *((f"2024-{m:02d}", Decimal("70000000")) for m in range(1, 13))]
    assert fitted_series(stray, None)[0][0] == "2024-01"
