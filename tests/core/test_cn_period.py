"""Periods read in Chinese everywhere: the `cn_period` filter (`core.periods.period_words`) and the
pages that show a lead's period."""

import pytest
from django.template import Context, Template
from django.urls import reverse
from factories import LeadFactory, UserFactory

from gongzhi.core.periods import period_range_words, period_words, quarter_period
from gongzhi.core.roles import Role


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("2026-10", "2026年10月"),
        ("2026-Q3", "2026年第3季度"),
        ("2026", "2026年"),
        ("2023-01..2025-12", "2023年1月至2025年12月"),
        ("2025年6月", "2025年6月"),
        (quarter_period(2025, 2), "2025年第2季度"),
        ("", ""),
        (None, ""),
        ("不是期间", "不是期间"),
    ],
)
def test_period_words(text, words):
    assert period_words(text) == words


def test_period_range_words():
    assert period_range_words("2023-01", "2025-12") == "2023年1月至2025年12月"
    assert period_range_words("2023-01", "") == "2023年1月起"
    assert period_range_words(None, "2025-12") == "至2025年12月"
    assert period_range_words("2025-06", "2025-06") == "2025年6月"
    assert period_range_words("", None) == ""


def test_the_filter_in_a_template():
    template = Template("{{ p|cn_period }}|{{ a|cn_period:b }}")
    assert template.render(Context({"p": "2026-10", "a": "2023-01", "b": "2025-12"})) == (
        "2026年10月|2023年1月至2025年12月"
    )


@pytest.mark.django_db
def test_the_lead_list_and_lead_page_show_the_period_in_chinese(client_for):
    officer = UserFactory(role=Role.TAX_OFFICER)
    lead = LeadFactory(period="2026-10", assignee=officer, assignee_unit=officer.unit, status="dispatched")
    client = client_for(UserFactory(role=Role.ADMIN))
    for url in (reverse("taxrisk:lead_list"), reverse("taxrisk:lead_detail", args=[lead.pk])):
        html = client.get(url).content.decode()
        assert "2026年10月" in html, url
        assert ">2026-10<" not in html and "· 2026-10" not in html, url
