"""The history charts of the owner's report, as static SVG inside the self-contained HTML: no
JavaScript is needed to see them, and they print. Drawn with matplotlib (its object API, no pyplot
state, so it is safe in any thread), which is well kept, writes clean SVG and ships the DejaVu
fonts that cover Cyrillic and Lithuanian letters; text stays text in the SVG.

    svg = scores_chart(history, lang)
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Mapping, Sequence

from matplotlib import rcParams
from matplotlib.figure import Figure

from touchpoint.scoring.history import History

__all__ = ["answered_chart", "reply_chart", "scores_chart", "sparkline", "speed_chart"]

rcParams["svg.fonttype"] = "none"  # text as text: smaller, selectable, translated words stay words
rcParams["svg.hashsalt"] = "touchpoint"  # the same chart, the same SVG
rcParams["font.family"] = "DejaVu Sans"
# Overall first, then distinct colours for up to a dozen more series (matplotlib's tab20, its dark half first).
COLOURS = (
    "#0b5cad",
    "#d62728",
    "#2ca02c",
    "#ff7f0e",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
    "#aec7e8",
    "#ffbb78",
    "#98df8a",
    "#ff9896",
    "#c5b0d5",
)
Label = Callable[[str], str]


def _svg(figure: Figure) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight")
    text = buffer.getvalue()
    text = re.sub(r"^<\?xml[^>]*>\s*(<!DOCTYPE[^>]*>\s*)?", "", text)  # inline in HTML
    return re.sub(r"<metadata>.*?</metadata>", "", text, flags=re.DOTALL)


def _figure(width: float = 6.4, height: float = 2.6) -> Figure:
    figure = Figure(figsize=(width, height), dpi=100)
    figure.patch.set_alpha(0)
    return figure


def _lines(
    title: str,
    labels: Sequence[str],
    series: Mapping[str, Sequence[float | None]],
    *,
    ylabel: str,
    ylim: tuple[float, float] | None = None,
    bold: str = "",
) -> str:
    figure = _figure()
    axes = figure.add_subplot()
    x = list(range(len(labels)))
    drawn = 0
    for i, (name, values) in enumerate(series.items()):
        points = [(xi, v) for xi, v in zip(x, values, strict=True) if v is not None]
        if not points:
            continue
        drawn += 1
        xs, ys = zip(*points, strict=True)
        width = 3.0 if name == bold else 1.6
        axes.plot(xs, ys, marker="o", linewidth=width, markersize=4, label=name, color=COLOURS[i % len(COLOURS)])
    axes.set_xticks(x, labels, fontsize=8)
    axes.set_title(title, fontsize=11, loc="left")
    axes.set_ylabel(ylabel, fontsize=9)
    if ylim:
        axes.set_ylim(*ylim)
    axes.grid(axis="y", alpha=0.3)
    axes.spines[["top", "right"]].set_visible(False)
    if drawn:
        axes.legend(fontsize=8, loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False)
    return _svg(figure)


def _labels(history: History, when: Callable[[object], str]) -> list[str]:
    return [when(p.started) for p in history.points]


def scores_chart(history: History, names: Mapping[str, str], t: Label, when: Callable[[object], str]) -> str:
    """Each category's score (1 to 5) and the overall, run by run."""
    keys = list(dict.fromkeys(c.key for p in history.points for c in p.card.categories))
    series: dict[str, list[float | None]] = {t("Overall"): [p.overall for p in history.points]}
    for key in keys:
        values: list[float | None] = []
        for p in history.points:
            found = p.card.get(key)
            values.append(float(found.score) if found is not None and found.score is not None else None)
        series[names.get(key, key)] = values
    return _lines(
        t("Scores, run by run"),
        _labels(history, when),
        series,
        ylabel=t("score (1 to 5)"),
        ylim=(0.8, 5.2),
        bold=t("Overall"),
    )


def speed_chart(history: History, t: Label, when: Callable[[object], str]) -> str:
    """The main content's time (LCP) of each page, run by run."""
    pages = list(
        dict.fromkeys(
            page for p in history.points for (page, metric) in p.speed if metric == "largest-contentful-paint"
        )
    )
    series = {
        page: [(p.speed.get((page, "largest-contentful-paint")) or None) for p in history.points] for page in pages
    }
    seconds = {k: [v / 1000 if v is not None else None for v in vs] for k, vs in series.items()}
    return _lines(t("Main content shows after (LCP)"), _labels(history, when), seconds, ylabel=t("seconds"))


def reply_chart(history: History, t: Label, when: Callable[[object], str]) -> str:
    """The first person's answer of each channel, run by run, in seconds or minutes."""
    keys = list(dict.fromkeys(c.key for p in history.points for c in p.card.categories if c.key.startswith("reply:")))
    series: dict[str, list[float | None]] = {}
    for key in keys:
        values: list[float | None] = []
        for p in history.points:
            found = p.card.get(key)
            seconds = found.detail.get("seconds") if found is not None else None
            values.append(float(seconds) if isinstance(seconds, int | float) else None)
        series[key.split(":", 1)[1]] = values
    longest = max((v for vs in series.values() for v in vs if v is not None), default=0.0)
    if longest >= 180:
        minutes = {k: [v / 60 if v is not None else None for v in vs] for k, vs in series.items()}
        return _lines(t("A person answered after"), _labels(history, when), minutes, ylabel=t("minutes"))
    return _lines(t("A person answered after"), _labels(history, when), series, ylabel=t("seconds"))


def answered_chart(history: History, t: Label) -> str:
    """Each channel's answered share: the last 30 days beside all time."""
    channels = sorted(set(history.answered) | set(history.answered_ever))
    figure = _figure(6.4, 0.5 + 0.45 * max(1, len(channels)))
    axes = figure.add_subplot()
    y = list(range(len(channels)))
    recent = [(history.answered[c].value or 0) * 100 if c in history.answered else 0 for c in channels]
    ever = [(history.answered_ever[c].value or 0) * 100 if c in history.answered_ever else 0 for c in channels]
    axes.barh([v + 0.2 for v in y], recent, height=0.38, color=COLOURS[0], label=t("last 30 days"))
    axes.barh([v - 0.2 for v in y], ever, height=0.38, color="#9fb7d4", label=t("all time"))
    axes.set_ylim(-0.7, len(channels) - 0.3)
    for yi, c in zip(y, channels, strict=True):
        for offset, share in ((0.2, history.answered.get(c)), (-0.2, history.answered_ever.get(c))):
            if share is not None and share.settled:
                axes.text(101, yi + offset, f"{share.answered}/{share.settled}", va="center", fontsize=8)
    axes.set_yticks(y, channels, fontsize=9)
    axes.set_xlim(0, 112)
    axes.set_xlabel(t("answered by a person within the promised time, %"), fontsize=9)
    axes.set_title(t("None missed"), fontsize=11, loc="left")
    axes.spines[["top", "right"]].set_visible(False)
    axes.legend(fontsize=8, loc="center left", bbox_to_anchor=(1.06, 0.5), frameon=False)
    return _svg(figure)


def sparkline(values: Sequence[float | None], *, low: float = 1, high: float = 5) -> str:
    """A small line of a site's overall score over its runs, for the portfolio page."""
    figure = Figure(figsize=(1.6, 0.35), dpi=100)
    figure.patch.set_alpha(0)
    axes = figure.add_axes((0, 0, 1, 1))
    points = [(i, v) for i, v in enumerate(values) if v is not None]
    if points:
        xs, ys = zip(*points, strict=True)
        axes.plot(xs, ys, color=COLOURS[0], linewidth=1.5)
        axes.plot(xs[-1:], ys[-1:], marker="o", markersize=3, color=COLOURS[0])
    axes.set_ylim(low - 0.2, high + 0.2)
    axes.set_xlim(-0.5, max(len(values) - 0.5, 0.5))
    axes.axis("off")
    return _svg(figure)
