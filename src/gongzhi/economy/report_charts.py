"""Charts of the economic analysis report as PNG images, drawn on the server with matplotlib (Agg,
no display; imported only when a report is built). Chinese labels need a CJK font: the Noto CJK
fonts (Debian's fonts-noto-cjk, installed by `make browser-deps`) or any other CJK font the system
has. Without one the charts are still drawn, with month numbers and the series' codes instead of
Chinese words (the report's captions say what each chart shows)."""

from __future__ import annotations

import io
import logging
from collections.abc import Sequence
from functools import cache
from pathlib import Path

logger = logging.getLogger(__name__)

FONT_FILES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/System/Library/Fonts/PingFang.ttc",
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simhei.ttf",
)
FONT_HINTS = ("notosanscjk", "notoserifcjk", "sourcehansans", "wqy", "simhei", "msyh", "pingfang")
DPI = 150
WIDTH_IN, HEIGHT_IN = 6.2, 3.2
NAVY, GREY, RED = "#1f3a5f", "#9aa5b1", "#c0392b"


@cache
def cjk_font_path() -> str | None:
    """A font file with Chinese glyphs, found at run time (None: there is none)."""
    for path in FONT_FILES:
        if Path(path).is_file():
            return path
    from matplotlib import font_manager

    for path in sorted(font_manager.findSystemFonts()):
        if any(hint in Path(path).name.lower().replace("-", "").replace("_", "") for hint in FONT_HINTS):
            return path
    logger.warning("no CJK font found: report charts are drawn without Chinese labels")
    return None


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager
    from matplotlib import pyplot as plt

    path = cjk_font_path()
    if path:
        font_manager.fontManager.addfont(path)
        name = font_manager.FontProperties(fname=path).get_name()
        plt.rcParams["font.family"] = [name, "DejaVu Sans"]
    plt.rcParams["axes.unicode_minus"] = False
    return plt


def _png(fig, plt) -> bytes:
    buffer = io.BytesIO()
    fig.tight_layout()
    fig.savefig(buffer, format="png", dpi=DPI)
    plt.close(fig)
    return buffer.getvalue()


def _text(chinese: str, fallback: str) -> str:
    return chinese if cjk_font_path() else fallback


def monthly_bars(
    months: Sequence[str], this_year: Sequence[float], last_year: Sequence[float], *, year: int
) -> bytes:
    """Revenue by month (万元): this year beside the same months of last year."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(WIDTH_IN, HEIGHT_IN))
    x = list(range(len(months)))
    ax.bar(
        [i - 0.2 for i in x], last_year, width=0.4, color=GREY, label=_text(f"{year - 1}年", str(year - 1))
    )
    ax.bar([i + 0.2 for i in x], this_year, width=0.4, color=NAVY, label=_text(f"{year}年", str(year)))
    ax.set_xticks(x, [_text(f"{int(m[5:])}月", m[5:]) for m in months])
    ax.set_ylabel(_text("万元", "10k yuan"))
    ax.legend(frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return _png(fig, plt)


def horizontal_bars(
    labels: Sequence[str], values: Sequence[float], *, codes: Sequence[str] | None = None
) -> bytes:
    """One bar per label (万元), largest on top."""
    plt = _pyplot()
    names = list(labels) if cjk_font_path() else list(codes or [str(i + 1) for i in range(len(labels))])
    fig, ax = plt.subplots(figsize=(WIDTH_IN, max(2.2, 0.32 * len(names) + 0.8)))
    ax.barh(names[::-1], list(values)[::-1], color=NAVY)
    ax.set_xlabel(_text("万元", "10k yuan"))
    ax.spines[["top", "right"]].set_visible(False)
    return _png(fig, plt)


def forecast_line(
    history: Sequence[tuple[str, float]],
    points: Sequence[tuple[str, float, float, float]],
) -> bytes:
    """The last months of the series and the forecast with its interval (万元)."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(WIDTH_IN, HEIGHT_IN))
    n = len(history)
    ax.plot(
        range(n),
        [v for _p, v in history],
        color=NAVY,
        marker="o",
        markersize=3,
        label=_text("实际", "actual"),
    )
    xs = list(range(n, n + len(points)))
    ax.plot(xs, [p[1] for p in points], color=RED, marker="o", markersize=3, label=_text("预测", "forecast"))
    ax.fill_between(
        xs,
        [p[2] for p in points],
        [p[3] for p in points],
        color=RED,
        alpha=0.15,
        label=_text("预测区间", "interval"),
    )
    periods = [p for p, _v in history] + [p[0] for p in points]
    step = max(1, len(periods) // 9)
    ax.set_xticks(
        range(0, len(periods), step), [periods[i] for i in range(0, len(periods), step)], fontsize=7
    )
    ax.set_ylabel(_text("万元", "10k yuan"))
    ax.legend(frameon=False, fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    return _png(fig, plt)
