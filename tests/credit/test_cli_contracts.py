"""The command-line contracts checked from outside: yearly files and a repaired resubmission go in
through `gongzhi exchange submit`; `gongzhi credit lists` and `gongzhi credit check` answer from them."""

import pytest
from django.core.management import CommandError, call_command

from gongzhi.credit import selectors
from gongzhi.credit.models import CreditCheck
from gongzhi.exchange.choices import SubmissionState
from gongzhi.exchange.models import Submission

pytestmark = pytest.mark.django_db


def test_submissions_are_accepted_and_a_resubmission_keeps_the_earlier_file(rated):
    first = rated["submissions"][0]
    assert [s["status"] for s in rated["submissions"]] == ["accepted", "accepted", "accepted"]
    # replace: key — the 2016 file stays current; only the repaired row is replaced
    assert Submission.objects.get(pk=first["submission"]).state == SubmissionState.ACCEPTED


def test_lists_print_the_current_a_and_d_of_the_year(rated, run_json):
    c = rated["codes"]
    out = run_json("credit", "lists", "--year", "2016", "--json")
    assert out == {
        "year": 2016,
        "A": sorted(
            [{"uscc": c[0], "name": "合成数据甲有限公司"}, {"uscc": c[6], "name": "合成数据庚有限公司"}],
            key=lambda r: r["uscc"],
        ),
        # c[2] was repaired to B by the later submission: no longer on the D list
        "D": [{"uscc": c[3], "name": "合成数据丁有限公司", "reason": "年度评价指标得分不满40分"}],
    }
    out = run_json("credit", "lists", "--year", "2017", "--json")
    assert out["A"] == [{"uscc": c[0], "name": "合成数据甲有限公司"}]
    assert out["D"] == [
        {"uscc": c[7], "name": "合成数据辛有限公司", "reason": "虚开增值税专用发票（直接判级）"}
    ]
    assert run_json("credit", "lists", "--year", "2001", "--json") == {"year": 2001, "A": [], "D": []}


def test_check_answers_for_the_latest_year_with_measures(rated, run_json):
    c = rated["codes"]
    d = run_json("credit", "check", "--uscc", c[7], "--scenario", "procurement", "--json")
    assert d["uscc"] == c[7] and d["level"] == "D" and d["eval_year"] == 2017
    assert [m["code"] for m in d["measures"]] == ["D01"]
    assert d["measures"][0]["kind"] == "punishment" and "2798号" in d["measures"][0]["legal_basis"]
    assert set(d["measures"][0]) == {"code", "kind", "text", "legal_basis"}
    a = run_json("credit", "check", "--uscc", c[0], "--scenario", "honours", "--json")
    assert (a["level"], a["eval_year"]) == ("A", 2017)
    assert [(m["code"], m["kind"]) for m in a["measures"]] == [("A01", "incentive")]
    # c[3]: D in 2016, C in 2017 -> the latest year counts: C, no measures
    assert run_json("credit", "check", "--uscc", c[3], "--scenario", "procurement", "--json") == {
        "uscc": c[3],
        "level": "C",
        "eval_year": 2017,
        "measures": [],
    }
    # the repaired taxpayer: B, no measures
    repaired = run_json("credit", "check", "--uscc", c[2], "--scenario", "procurement", "--json")
    assert (repaired["level"], repaired["eval_year"], repaired["measures"]) == ("B", 2016, [])


def test_check_without_a_rating_is_no_rating_not_an_error(rated, run_json):
    unknown = rated["codes"][11]
    assert run_json("credit", "check", "--uscc", unknown, "--scenario", "subsidy", "--json") == {
        "uscc": unknown,
        "level": None,
        "eval_year": None,
        "measures": [],
    }


def test_check_refuses_a_bad_code_or_scenario_in_chinese_and_stores_nothing(rated, codes):
    before = CreditCheck.objects.count()
    with pytest.raises(CommandError, match="不是有效的统一社会信用代码"):
        call_command(
            "credit",
            "check",
            "--uscc",
            codes[0][:-1] + ("0" if codes[0][-1] != "0" else "1"),
            "--scenario",
            "procurement",
            "--json",
        )
    with pytest.raises(CommandError, match="场景“lottery”无效"):
        call_command("credit", "check", "--uscc", codes[0], "--scenario", "lottery", "--json")
    assert CreditCheck.objects.count() == before


def test_history_keeps_every_row_with_what_replaced_it(rated):
    c = rated["codes"]
    history = selectors.rating_history(c[2])
    assert [(h.eval_year, h.level, h.current) for h in history] == [(2016, "D", False), (2016, "B", True)]
    assert history[0].replaced_by == rated["submissions"][2]["submission"]
    assert history[0].replaced_reason == "级别由D级调整为B级"
    assert history[0].submission_id == rated["submissions"][0]["submission"]


def test_a_level_contradicting_its_score_is_flagged(rated):
    first = rated["submissions"][0]["submission"]
    problems = selectors.rating_problems(submission_ids=[first])
    assert problems == {
        first: [f"第{first}号报送第8行 {rated['codes'][6]}（2016年度）A级与得分65分不符（A级应为≥90分）"]
    }
