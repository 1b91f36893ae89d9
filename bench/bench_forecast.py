"""Fitting + backtest time of the forecast on the real series (run by hand).

    .venv/bin/python bench/bench_forecast.py [--runs 2]

For each series in tests/economy/data/ (real published monthly revenue, see its README): the
whole `forecast()` (rolling-origin backtest of every method, the chosen method's fit, empirical
intervals) on the series cut twelve months before its end, then the out-of-sample check on those
twelve months: MAPE/MASE of the chosen method against seasonal naive and growth so far. Also the
`gongzhi economy forecast` command end to end (process start included). Prints seconds (median
of the runs); nothing is asserted. The forecast page caches per (data hash, marks).
"""

import argparse
import csv
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "economy" / "data"
sys.path.insert(0, str(ROOT / "src"))

from gongzhi.economy.forecast import baseline_forecast, forecast, score_against  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    print(
        f"{'series':32} {'method':12} {'fit+backtest s':>14}  {'MAPE':>6} {'MASE':>6}  {'snaive':>13}  {'growth':>13}"
    )
    # the monthly series (the Chinese one is year-to-date with 1—2月 combined: tests/economy/test_forecast_china.py)
    for path in sorted(DATA.glob("texas_*.csv")):
        with path.open(encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        periods, values = [r["period"] for r in rows], [float(r["value"]) for r in rows]
        cut = len(periods) - 12
        seconds = []
        for _ in range(args.runs):
            started = time.perf_counter()
            result = forecast(periods[:cut], values[:cut])
            seconds.append(time.perf_counter() - started)
        actual, history = values[cut:], values[:cut]
        chosen = score_against([p.value for p in result.points], actual, history)
        naive = score_against(baseline_forecast(periods[:cut], history, "seasonal_naive"), actual, history)
        growth = score_against(baseline_forecast(periods[:cut], history, "growth"), actual, history)
        print(
            f"{path.stem:32} {result.method:12} {statistics.median(seconds):14.2f}  {chosen.mape:6.2f} {chosen.mase:6.3f}"
            f"  {naive.mape:6.2f}/{naive.mase:5.3f}  {growth.mape:6.2f}/{growth.mase:5.3f}"
        )
    started = time.perf_counter()
    subprocess.run(
        [
            str(Path(sys.executable).with_name("gongzhi")),
            "economy",
            "forecast",
            str(DATA / "texas_sales_taxes.csv"),
            "--monthly",
            "--json",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    seconds = time.perf_counter() - started
    print(f"gongzhi economy forecast (276 months, end to end): {seconds:.2f} s")
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from _report import emit

    emit("forecast command, 276 months, end to end", seconds, "s")


if __name__ == "__main__":
    main()
