"""`gongzhi economy forecast FILE.csv (--monthly | --cumulative) [--horizon 12] --json`
(see economy/management/commands/economy.py).

Prints exactly {"method", "backtest": {"origins", "mape", "mase", "baselines": {"seasonal_naive"}},
"forecast": [{"period", "value", "ytd", "lower", "upper"}]}: `value` is the single month, `ytd`
the year-to-date of the month's year including the published months of that year. Without
--json, a short table in Chinese. The CSV is read by economy.forecast_input; the method by
economy.forecast (statsmodels is imported only when fitting, so `gongzhi --help` stays fast).
"""

import json
from pathlib import Path

from django.core.management.base import CommandError


def add_arguments(parser) -> None:
    parser.add_argument("file", help="CSV 文件：period,value 两列，每个公布月份一行")
    kind = parser.add_mutually_exclusive_group(required=True)
    kind.add_argument("--monthly", action="store_true", help="数值为当月数")
    kind.add_argument(
        "--cumulative", action="store_true", help="数值为年初至当月的累计数（1、2月可合并公布）"
    )
    parser.add_argument("--horizon", type=int, default=12, help="预测月数（1-36，默认12）")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出")


def build_document(data: bytes, *, cumulative: bool, horizon: int) -> dict:
    from gongzhi.economy.forecast import ForecastInputError, forecast
    from gongzhi.economy.forecast_input import CsvSeriesError, read_series

    try:
        series = read_series(data, cumulative=cumulative)
        result = forecast(series.periods, series.values, horizon=horizon)
    except (CsvSeriesError, ForecastInputError) as exc:
        raise CommandError(str(exc)) from exc
    ytd_by_year: dict[str, float] = {}
    for period, value in zip(series.periods, series.values, strict=True):
        ytd_by_year[period[:4]] = ytd_by_year.get(period[:4], 0.0) + value
    rows = []
    for point in result.points:
        year = point.period[:4]
        ytd_by_year[year] = ytd_by_year.get(year, 0.0) + point.value
        rows.append(
            {
                "period": point.period,
                "value": round(point.value, 2),
                "ytd": round(ytd_by_year[year], 2),
                "lower": round(point.lower, 2),
                "upper": round(point.upper, 2),
            }
        )
    chosen, naive = result.score, result.scores["seasonal_naive"]
    return (
        {
            "method": result.method,
            "backtest": {
                "origins": result.origins,
                "mape": _number(chosen.mape),
                "mase": _number(chosen.mase),
                "baselines": {"seasonal_naive": _number(naive.mape)},
            },
            "forecast": rows,
        },
        result,
        series,
    )


def _number(value: float | None) -> float:
    # MAPE is undefined only when every actual month of the backtest is zero
    return round(value, 4) if value is not None else 0.0


def run(options, stdout) -> None:
    horizon = options["horizon"]
    if not 1 <= horizon <= 36:
        raise CommandError(f"--horizon 应在 1 到 36 之间，实为 {horizon}")
    path = Path(options["file"])
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise CommandError(f"文件不存在：{path}") from exc
    except OSError as exc:
        raise CommandError(f"无法读取文件：{path}") from exc
    try:
        document, result, series = build_document(data, cumulative=options["cumulative"], horizon=horizon)
    except CommandError as exc:
        raise CommandError(f"文件“{path.name}”：{exc}") from exc
    if options["json"]:
        stdout.write(json.dumps(document, ensure_ascii=False))
        return
    from gongzhi.economy.forecast import METHOD_LABELS

    backtest = document["backtest"]
    stdout.write(f"方法：{METHOD_LABELS[document['method']]}")
    stdout.write(
        f"回测：{backtest['origins']}个起点，MAPE {backtest['mape']:.2f}%，MASE {backtest['mase']:.3f}；"
        f"季节朴素 MAPE {backtest['baselines']['seasonal_naive']:.2f}%"
    )
    for note in [*series.notes, *result.notes]:
        stdout.write(f"说明：{note}")
    stdout.write("月份\t预测值\t累计\t下限\t上限（90%，按回测误差）")
    for row in document["forecast"]:
        stdout.write(
            f"{row['period']}\t{row['value']:.2f}\t{row['ytd']:.2f}\t{row['lower']:.2f}\t{row['upper']:.2f}"
        )
