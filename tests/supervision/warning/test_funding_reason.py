"""Money spent while a target is still red is a warning reason of its own (pure engine)."""

import datetime

from gongzhi.supervision import warning as engine

AS_OF = datetime.date(2025, 6, 30)


def _indicator(level: str) -> engine.IndicatorAssessment:
    spec = engine.IndicatorSpec(
        name="每千人口托位数",
        comparator=">=",
        target=4.5,
        baseline=2.0,
        start=datetime.date(2023, 1, 1),
        deadline=datetime.date(2025, 12, 31),
    )
    value = 2.1 if level == engine.RED else 4.6
    observations = [engine.Observation(period_end=datetime.date(2025, 3, 31), value=value, reported_at=AS_OF)]
    assessed = engine.assess_indicator(spec, observations, AS_OF)
    assert assessed.level == level
    return assessed


def _task(spent: float | None) -> engine.TaskStatus:
    return engine.TaskStatus(name="（5）托育服务", start=datetime.date(2023, 1, 1), spent=spent)


def test_money_spent_with_a_red_target_is_a_reason():
    # given a task that spent 1,271,100 yuan while its indicator is red
    result = engine.assess_task(_task(1_271_100.0), AS_OF, indicators=[_indicator(engine.RED)])

    # then the funding part is red and the reason names the money and the indicator
    funding = [p for p in result.parts if p.source == "funding"]
    assert len(funding) == 1 and funding[0].level == engine.RED
    assert "已支出资金127.11万元" in result.reason and "“每千人口托位数”仍为红色" in result.reason
    assert result.level == engine.RED


def test_no_funding_reason_without_spending_or_without_a_red_target():
    red = _indicator(engine.RED)
    for task, indicators in [
        (_task(None), [red]),
        (_task(0.0), [red]),
        (_task(500_000.0), [_indicator(engine.GREEN)]),
    ]:
        result = engine.assess_task(task, AS_OF, indicators=indicators)
        assert not [p for p in result.parts if p.source == "funding"]
        assert "已支出资金" not in result.reason


def test_amounts_in_words():
    from gongzhi.supervision.warning.text import yuan

    assert yuan(3_500_000) == "350万元" and yuan(1234.5) == "1234.5元"
