"""`gongzhi economy forecast`: the exact JSON contract, cumulative input with January published
together with February, reproducibility, liberal CSV reading and Chinese errors naming the row."""

import json
import math

import pytest
from django.core.management import CommandError, call_command

from gongzhi.economy.cli_forecast import build_document
from gongzhi.economy.forecast_input import CsvSeriesError, read_series

KEYS = {"method", "backtest", "forecast"}
BACKTEST_KEYS = {"origins", "mape", "mase", "baselines"}
ROW_KEYS = {"period", "value", "ytd", "lower", "upper"}


def synthetic(months: int = 40, start_year: int = 2020) -> list[tuple[str, float]]:
    """A made-up (虚构) seasonal series with a trend and a fixed wiggle: no randomness."""
    season = [1.3, 0.7, 0.9, 1.1, 1.2, 1.0, 1.1, 0.9, 0.95, 1.05, 0.9, 0.9]
    rows = []
    for i in range(months):
        year, month = start_year + i // 12, i % 12 + 1
        value = (1000 + 8 * i) * season[i % 12] * (1 + 0.03 * math.sin(i * 1.7))
        rows.append((f"{year:04d}-{month:02d}", round(value, 2)))
    return rows


def to_csv(rows, header="period,value") -> str:
    return "\n".join([header, *(f"{p},{v}" for p, v in rows)]) + "\n"


def cumulative(rows, *, merge_jan_feb: bool) -> list[tuple[str, float]]:
    out, ytd, year = [], 0.0, None
    for period, value in rows:
        if period[:4] != year:
            year, ytd = period[:4], 0.0
        ytd += value
        if merge_jan_feb and period.endswith("-01"):
            continue
        out.append((period, round(ytd, 2)))
    return out


def run_cli(tmp_path, capsys, text: str | bytes, *args) -> dict:
    path = tmp_path / "series.csv"
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    call_command("economy", "forecast", str(path), *args, "--json")
    return json.loads(capsys.readouterr().out)


def test_json_contract_has_exactly_the_keys(tmp_path, capsys):
    doc = run_cli(tmp_path, capsys, to_csv(synthetic()), "--monthly", "--horizon", "12")
    assert set(doc) == KEYS
    assert set(doc["backtest"]) == BACKTEST_KEYS
    assert set(doc["backtest"]["baselines"]) == {"seasonal_naive"}
    assert isinstance(doc["method"], str) and doc["method"]
    assert isinstance(doc["backtest"]["origins"], int) and doc["backtest"]["origins"] > 0
    for key in ("mape", "mase"):
        assert isinstance(doc["backtest"][key], float)
    assert len(doc["forecast"]) == 12
    assert [r["period"] for r in doc["forecast"]][:3] == ["2023-05", "2023-06", "2023-07"]
    for row in doc["forecast"]:
        assert set(row) == ROW_KEYS
        assert row["lower"] <= row["value"] <= row["upper"]


def test_ytd_adds_the_published_months_of_the_year(tmp_path, capsys):
    rows = synthetic()  # ends 2023-04
    doc = run_cli(tmp_path, capsys, to_csv(rows), "--monthly", "--horizon", "10")
    published_2023 = sum(v for p, v in rows if p.startswith("2023"))
    first = doc["forecast"][0]
    assert first["ytd"] == pytest.approx(published_2023 + first["value"], abs=0.02)
    january = next(r for r in doc["forecast"] if r["period"] == "2024-01")
    assert january["ytd"] == january["value"]
    assert len(doc["forecast"]) == 10


def test_cumulative_with_january_merged_into_february(tmp_path, capsys):
    rows = synthetic(48)  # 2020-01 .. 2023-12
    ytd = cumulative(rows, merge_jan_feb=True)
    assert not any(p.endswith("-01") for p, _ in ytd)
    series = read_series(to_csv(ytd).encode(), cumulative=True)
    # every month is back, each year's total kept exactly
    assert series.periods[0] == "2020-01" and len(series.periods) == 48
    for year in ("2020", "2021", "2022", "2023"):
        total = sum(v for p, v in zip(series.periods, series.values, strict=True) if p.startswith(year))
        assert total == pytest.approx(dict(ytd)[f"{year}-12"], abs=0.01)
    # no year has January separately: split evenly, and said so
    assert series.values[0] == pytest.approx(series.values[1])
    assert any("按月平均拆分" in n for n in series.notes)

    doc = run_cli(tmp_path, capsys, to_csv(ytd), "--cumulative")
    assert next(r["period"] for r in doc["forecast"]) == "2024-01"
    assert doc["forecast"][1]["ytd"] == pytest.approx(
        doc["forecast"][0]["value"] + doc["forecast"][1]["value"], abs=0.02
    )


def test_cumulative_split_uses_the_share_of_january_in_other_years():
    rows = synthetic(36)
    ytd = dict(cumulative(rows, merge_jan_feb=False))
    del ytd["2022-01"]  # only the last year publishes Jan+Feb together
    series = read_series(to_csv(sorted(ytd.items())).encode(), cumulative=True)
    values = dict(zip(series.periods, series.values, strict=True))
    months = dict(rows)
    shares = [months[f"{y}-01"] / (months[f"{y}-01"] + months[f"{y}-02"]) for y in (2020, 2021)]
    jan_feb = months["2022-01"] + months["2022-02"]
    assert values["2022-01"] == pytest.approx(jan_feb * sum(shares) / 2, rel=1e-6)
    assert values["2022-01"] + values["2022-02"] == pytest.approx(jan_feb, abs=0.01)
    assert any("平均占比" in n for n in series.notes)


def test_same_numbers_twice():
    data = to_csv(synthetic()).encode()
    first, _, _ = build_document(data, cumulative=False, horizon=12)
    second, _, _ = build_document(data, cumulative=False, horizon=12)
    assert json.dumps(first) == json.dumps(second)


def test_liberal_reading_bom_crlf_gbk_thousands():
    rows = synthetic(30)
    text = "\r\n".join(["period,value", *(f'{p.replace("-", "/")},"{v:,.2f}"' for p, v in rows)]) + "\r\n"
    for data in (
        b"\xef\xbb\xbf" + text.encode(),
        text.replace("period,value", "period,value,备注").encode("gbk"),
    ):
        series = read_series(data, cumulative=False)
        assert series.periods == [p for p, _ in rows]
        assert series.values == pytest.approx([v for _, v in rows])
    assert read_series(
        "period,value\n2024年3月,1\n2024年4月,2\n".encode("gbk"), cumulative=False
    ).periods == [
        "2024-03",
        "2024-04",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("month,value\n2024-01,1\n", "第1行：缺少“period”列"),
        ("period,amount\n2024-01,1\n", "第1行：缺少“value”列"),
        ("period,value\n2024-01,1\n2024-13,2\n", "第3行“period”列：月份“2024-13”无效"),
        ("period,value\n2024-01,1\n2024-02,abc\n", "第3行“value”列：“abc”不是数字"),
        ("period,value\n2024-01,1\n2024-02,2\n2024-01,3\n", "第4行“period”列：月份2024-01重复（第2行已有）"),
        ("period,value\n2024-01,1\n2024-03,2\n", "第3行“period”列：月份不连续：2024-01之后缺少2024-02"),
        ("period,value\n", "文件没有数据行"),
    ],
)
def test_bad_input_is_a_chinese_error_naming_the_row(text, message):
    with pytest.raises(CsvSeriesError, match=message):
        read_series(text.encode(), cumulative=False)


def test_cli_errors_exit_through_command_error(tmp_path, capsys):
    path = tmp_path / "short.csv"
    path.write_text(to_csv(synthetic(10)))
    with pytest.raises(CommandError, match=r"文件“short\.csv”：数据不足：至少需要连续14个月，现有10个月"):
        call_command("economy", "forecast", str(path), "--monthly", "--json")
    with pytest.raises(CommandError, match="文件不存在"):
        call_command("economy", "forecast", str(tmp_path / "none.csv"), "--monthly", "--json")
    with pytest.raises(CommandError, match="--horizon 应在 1 到 36 之间"):
        call_command("economy", "forecast", str(path), "--monthly", "--horizon", "0", "--json")
    assert capsys.readouterr().out == ""


def test_short_series_falls_back_to_the_growth_baseline_and_says_so():
    _, result, _ = build_document(to_csv(synthetic(20)).encode(), cumulative=False, horizon=12)
    assert result.method == "growth"
    assert any("少于25个月" in n for n in result.notes)
