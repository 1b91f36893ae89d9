"""Per-unit targets: 镇（街道）配备1名儿童督导员, 8 towns and subdistricts reporting yearly."""

from dataclasses import replace
from datetime import date

from zhoucun_targets import DUDAO, TOWNS, series, y

from gongzhi.supervision.warning import GREEN, GREY, RED, YELLOW, assess_indicator

END_2023 = y(2023)


def reports(values: dict[str, float], day: date = END_2023) -> list:
    """One value per town, for 2023."""
    return [obs for town, value in values.items() for obs in series((day, value), unit=town)]


def test_every_unit_on_target_is_green():
    a = assess_indicator(DUDAO, reports(dict.fromkeys(TOWNS, 1)), date(2024, 1, 10))
    assert a.level == GREEN
    assert a.reason == "共8个单位，8个单位正常。"
    assert [unit.unit for unit in a.units] == list(TOWNS)
    assert all(unit.level == GREEN and "已达到目标" in unit.reason for unit in a.units)
    assert a.latest is None  # the values are per unit


def test_two_of_eight_units_missing_is_yellow_while_late():
    a = assess_indicator(DUDAO, reports(dict.fromkeys(TOWNS[:6], 1)), date(2024, 1, 25))
    assert a.level == YELLOW
    assert a.reason == (
        "共8个单位，2个单位未达要求（黄色2个）：南郊镇（未报送数据、报送逾期）、王村镇（未报送数据、报送逾期）；"
        "6个单位正常。"
    )
    missing = {unit.unit: unit for unit in a.units if unit.level != GREEN}
    assert set(missing) == {"南郊镇", "王村镇"}
    assert "2023年数据应于2024年1月15日前报送，报送逾期10天" in missing["南郊镇"].reason
    assert "units_off_track" in a.codes and "report_late" in a.codes


def test_two_of_eight_units_missing_is_red_once_missing():
    a = assess_indicator(DUDAO, reports(dict.fromkeys(TOWNS[:6], 1)), date(2024, 2, 20))
    assert a.level == RED
    assert "2个单位未达要求（红色2个）：南郊镇" in a.reason and "6个单位正常" in a.reason


def test_a_unit_far_behind_makes_the_indicator_red():
    values = dict.fromkeys(TOWNS, 1) | {"北郊镇": 0}
    a = assess_indicator(DUDAO, reports(values), date(2024, 1, 10))
    assert a.level == RED
    assert "1个单位未达要求（红色1个）：北郊镇（落后计划）；7个单位正常" in a.reason
    (beijiao,) = [unit for unit in a.units if unit.unit == "北郊镇"]
    assert "到2023年12月31日应达到0.33名，最新值为0名（2023年），落后计划0.33名" in beijiao.reason


def test_no_unit_reported_yet_is_grey():
    a = assess_indicator(DUDAO, [], date(2024, 1, 10))
    assert a.level == GREY
    assert a.reason == "共8个单位，8个单位暂无可判断的数据。"


def test_units_not_yet_due_do_not_hide_the_others():
    # Reported early by six; the other two are not due yet: green, and the reason says two have no data.
    a = assess_indicator(DUDAO, reports(dict.fromkeys(TOWNS[:6], 1)), date(2024, 1, 10))
    assert a.level == GREEN
    assert a.reason == "共8个单位，6个单位正常；2个单位暂无可判断的数据。"


def test_names_are_cut_after_five_units():
    a = assess_indicator(DUDAO, reports({TOWNS[0]: 1}), date(2024, 2, 20))
    assert a.level == RED
    assert "7个单位未达要求（红色7个）" in a.reason and a.reason.count("（未报送数据、报送逾期）") == 5
    assert "等；1个单位正常" in a.reason


def test_values_of_units_not_listed_are_ignored():
    obs = reports(dict.fromkeys(TOWNS, 1)) + series((y(2023), 0), unit="淄川区")
    assert assess_indicator(DUDAO, obs, date(2024, 1, 10)).level == GREEN


def test_per_unit_without_baseline_judges_each_unit_from_its_first_value():
    spec = replace(DUDAO, baseline=None, baseline_date=None)
    values = dict.fromkeys(TOWNS, 1) | {"北郊镇": 0}
    a = assess_indicator(spec, reports(values), date(2024, 1, 10))
    assert a.level == GREEN  # 北郊镇: one value, no baseline -> grey, which does not count
    assert "1个单位暂无可判断的数据" in a.reason
