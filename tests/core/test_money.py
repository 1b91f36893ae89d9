"""Amounts: one reader (`core.money.parse_amount`) behind every amount input, one writer (the
`money` filter) behind every amount shown."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from factories import LeadFactory, UserFactory

from gongzhi.core.forms import AmountField
from gongzhi.core.money import format_amount, parse_amount
from gongzhi.core.params import get_decimal
from gongzhi.core.roles import Role
from gongzhi.plans.forms import TargetForm
from gongzhi.taxrisk.engine.rules import Param


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1616772.74", "1616772.74"),
        ("1,616,772.74", "1616772.74"),
        ("1,616,772.74元", "1616772.74"),
        ("¥1,000", "1000"),
        (" １，６１６．７４ ", "1616.74"),
        ("-2,500.5", "-2500.5"),
        ("0.125", "0.125"),
        (".5", "0.5"),
        (Decimal("3.10"), "3.10"),
        (7, "7"),
    ],
)
def test_an_amount_is_read_as_people_type_it(text, expected):
    assert parse_amount(text) == Decimal(expected)


@pytest.mark.parametrize(
    "text", ["", "元", "1,23", "12,3456", "1.2.3", "1,000,00", "abc", "NaN", "Infinity", "1e5"]
)
def test_anything_else_is_refused_in_chinese(text):
    with pytest.raises(ValueError, match="千分位"):
        parse_amount(text)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Decimal("486422.728000000"), "486,422.73"),  # the rules page's sum, as it was shown
        (Decimal("1616772.74"), "1,616,772.74"),
        (Decimal("0.005"), "0.01"),  # half up, as money is rounded
        (1234, "1,234.00"),
        (12.5, "12.50"),
        (None, ""),
        ("", ""),
        ("—", "—"),
    ],
)
def test_the_money_filter_shows_separators_and_two_places(value, shown):
    assert format_amount(value) == shown
    assert Template("{{ v|money }}").render(Context({"v": value})) == shown


def test_an_amount_field_accepts_separators_and_is_a_text_box():
    field = AmountField(decimal_places=4)
    assert field.clean("12,345.6789") == Decimal("12345.6789")
    assert 'inputmode="decimal"' in field.widget.render("x", None)
    assert 'type="text"' in field.widget.render("x", None)
    with pytest.raises(Exception, match="数"):
        field.clean("1,23")


def test_a_form_that_takes_a_target_value_accepts_separators():
    form = TargetForm({"indicator": "覆盖人数", "comparator": ">=", "value": "1,200", "value_max": ""})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["value"] == Decimal("1200")


def test_a_query_parameter_and_a_rule_parameter_accept_separators():
    assert get_decimal({"min": "10,000.5"}, "min") == Decimal("10000.50")
    assert Param(name="floor", type="decimal(18,2)", default=None).coerce("100,000") == Decimal("100000.00")
    assert Param(name="days", type="integer", default=None).coerce("1,000") == 1000
    with pytest.raises(ValueError):
        Param(name="days", type="integer", default=None).coerce("1,000.5")


@pytest.mark.django_db
def test_the_lead_list_and_the_rules_page_show_amounts_with_separators(client_for):
    officer = UserFactory(role=Role.TAX_OFFICER)
    lead = LeadFactory(
        assignee=officer,
        assignee_unit=officer.unit,
        status="confirmed",
        tax_at_risk=Decimal("1616772.74"),
        recovered_tax=Decimal("486422.72"),
    )
    client = client_for(officer)
    page = client.get("/taxrisk/leads/", {"rule": lead.rule.code}).content.decode()
    assert "1,616,772.74" in page and "1616772.74" not in page
    page = client.get("/taxrisk/rules/").content.decode()
    assert "486,422.72" in page and "486422.72" not in page
