"""收入预测 page: who may see it, who may mark a series, the audit of marks, the forecast on the
demo data with its backtest beside the baselines."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from gongzhi.core.models import AuditEntry
from gongzhi.economy import forecast_services
from gongzhi.economy.models import SeriesMark

URL = "/economy/forecast/"


def test_url_name():
    assert reverse("economy:forecast") == URL


@pytest.mark.parametrize(
    ("role", "status"),
    [("liaison", 403), ("evaluator", 403), ("leader", 200), ("tax_officer", 200), ("cogov_office", 200)],
)
def test_who_may_see_the_page(db, data_dir, users, client_for, role, status):
    assert client_for(users[role]).get(URL).status_code == status


def test_only_manage_adds_and_removes_marks_audited(db, data_dir, users, client_for):
    add = reverse("economy:forecast_mark_add")
    for role in ("leader", "tax_officer", "liaison"):
        response = client_for(users[role]).post(add, {"period": "2022-04", "kind": "break", "tax_type": ""})
        assert response.status_code == 403
    assert not SeriesMark.objects.exists()

    office = client_for(users["cogov_office"])
    response = office.post(add, {"period": "2022-04", "kind": "break", "tax_type": "", "note": "留抵退税"})
    assert response.status_code == 302
    mark = SeriesMark.objects.get()
    assert (mark.period, mark.kind, mark.tax_type, mark.created_by) == (
        "2022-04",
        "break",
        "",
        users["cogov_office"],
    )
    assert AuditEntry.objects.filter(action="economy_mark_added", object_id=str(mark.pk)).exists()

    # a duplicate and a bad month are refused with a message, nothing stored
    office.post(add, {"period": "2022-04", "kind": "break", "tax_type": ""})
    office.post(add, {"period": "2022-13", "kind": "outlier", "tax_type": ""})
    assert SeriesMark.objects.count() == 1

    page = office.get(URL).content.decode()
    assert "2022年4月" in page and "结构性变化" in page

    remove = reverse("economy:forecast_mark_remove")
    assert client_for(users["leader"]).post(remove, {"mark": mark.pk}).status_code == 403
    assert office.post(remove, {"mark": mark.pk}).status_code == 302
    assert not SeriesMark.objects.exists()
    assert AuditEntry.objects.filter(action="economy_mark_removed", object_id=str(mark.pk)).exists()


def test_forecast_on_the_demo_data(demo, users, client_for, monkeypatch):
    # the fit is cached per series and marks: the second view fits nothing (speed is measured in
    # bench/bench_forecast.py, never by a timed assertion here)
    fits = []
    real = forecast_services.forecast
    monkeypatch.setattr(forecast_services, "forecast", lambda *a, **k: fits.append(1) or real(*a, **k))
    cache.clear()  # (another test's views may have left this series' fit in the process's cache)
    client = client_for(users["leader"])
    first = client.get(URL)
    fitted = len(fits)
    second = client.get(URL)
    assert first.status_code == second.status_code == 200
    assert fitted >= 1 and len(fits) == fitted
    page = second.content.decode()
    assert 'data-testid="backtest"' in page and "季节朴素" in page
    assert 'id="gz-forecast-data"' in page
