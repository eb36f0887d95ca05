"""Pages over many sites, built from each site's latest results.json:

- reports/index.html, the portfolio an agency opens every morning: every audited site with its
  latest overall score, a sparkline of its history, its worst category and a link to its audit;
- `touchpoint compare`: sites side by side (a business and its competitors), scorecards, reply
  times, findability and speed, with who is best in each row.

    write_portfolio(Path("reports"), language("en"))
    compare_html([Path("reports/acme/results.json"), Path("reports/rival/results.json")], language("ru"))
"""

from __future__ import annotations

import contextlib
import json
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from html import escape
from pathlib import Path
from typing import Any

from touchpoint.report.charts import sparkline
from touchpoint.report.i18n import Language
from touchpoint.report.owner import category_name
from touchpoint.scoring.plan import N_

__all__ = ["Site", "compare_html", "load_site", "portfolio_html", "write_portfolio"]

CSS = (
    "body{font-family:DejaVu Sans,Arial,sans-serif;color:#2b2b2b;max-width:1200px;margin:16px}"
    "table{border-collapse:collapse}th,td{border:1px solid #ccd;padding:4px 10px;text-align:left}"
    "td.num{text-align:center}.best{background:#d7efd9;font-weight:bold}.none{color:#999}"
    "h1{font-size:1.5em}.low{background:#f8c5c2}.mid{background:#ffe8a3}.high{background:#d7efd9}"
)


@dataclass(frozen=True, slots=True)
class Site:
    key: str  # the report folder's name
    data: dict[str, Any]  # its results.json

    @property
    def name(self) -> str:
        return str(self.data.get("site", self.key))

    @property
    def overall(self) -> float | None:
        value = (self.data.get("scorecard") or {}).get("overall")
        return float(value) if isinstance(value, int | float) else None

    @property
    def scores(self) -> dict[str, int | None]:
        return {c["key"]: c["score"] for c in (self.data.get("scorecard") or {}).get("categories", [])}

    @property
    def trend(self) -> list[float | None]:
        return [r.get("overall") for r in (self.data.get("history") or {}).get("runs", [])]

    def reply_seconds(self) -> dict[str, float | None]:
        return {
            c["key"].split(":", 1)[1]: (c.get("detail") or {}).get("seconds")
            for c in (self.data.get("scorecard") or {}).get("categories", [])
            if c["key"].startswith("reply:")
        }

    def metric(self, name: str) -> float | None:
        values = [
            float(r["actual"])
            for r in self.data.get("results", [])
            if r.get("name") == name and isinstance(r.get("actual"), int | float)
        ]
        return statistics.median(values) if values else None


def load_site(results: Path) -> Site:
    return Site(results.parent.name, json.loads(results.read_text(encoding="utf-8")))


def _page(title: str, body: str, lang: Language) -> str:
    return (
        f'<!doctype html><html lang="{lang.code}"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f"<style>{CSS}</style></head><body><h1>{escape(title)}</h1>{body}</body></html>"
    )


def _tone(score: float | None) -> str:
    return "" if score is None else ("high" if score >= 4 else "mid" if score >= 3 else "low")


def portfolio_html(sites: Sequence[Site], lang: Language) -> str:
    rows = []
    for site in sorted(sites, key=lambda s: (s.overall is None, -(s.overall or 0), s.name)):
        measured = {k: v for k, v in site.scores.items() if v is not None}
        worst = min(measured, key=lambda k: measured[k]) if measured else None
        worst_text = f"{category_name(worst, lang)} ({measured[worst]})" if worst else "–"
        overall = lang.number(site.overall) if site.overall is not None else lang("not measured")
        when = str(site.data.get("finished", ""))
        with contextlib.suppress(ValueError):
            when = lang.when(datetime.fromisoformat(when))
        rows.append(
            f"<tr><th><a href='{escape(site.key)}/audit.html'>{escape(site.name)}</a></th>"
            f"<td class='num {_tone(site.overall)}'>{escape(overall)}</td><td>{sparkline(site.trend)}</td>"
            f"<td>{escape(worst_text)}</td><td>{escape(str(when))}</td></tr>"
        )
    heads = "".join(
        f"<th>{escape(lang(h))}</th>"
        for h in (N_("Site"), N_("Overall"), N_("History"), N_("Worst category"), N_("Last audit"))
    )
    body = f"<table><thead><tr>{heads}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    return _page(lang("Audited sites"), body, lang)


def write_portfolio(root: Path, lang: Language) -> Path | None:
    """reports/index.html over every site that has a results.json."""
    sites = []
    for results in sorted(root.glob("*/results.json")):
        try:
            sites.append(load_site(results))
        except (OSError, ValueError):
            continue  # a report being written, or from an older version: left out, not fatal
    if not sites:
        return None
    index = root / "index.html"
    index.write_text(portfolio_html(sites, lang), encoding="utf-8")
    return index


def _best(values: Sequence[float | None], *, higher: bool) -> set[int]:
    known = [(i, v) for i, v in enumerate(values) if v is not None]
    if not known or len(values) < 2:
        return set()  # nothing to compare; a site that measured beats one that did not (no answer, no data)
    target = max(v for _, v in known) if higher else min(v for _, v in known)
    return {i for i, v in known if v == target}


def _row(label: str, values: Sequence[float | None], shown: Sequence[str], *, higher: bool) -> str:
    best = _best(values, higher=higher)
    cells = "".join(
        f"<td class='num{' best' if i in best else ''}{' none' if v is None else ''}'>{escape(text)}</td>"
        for i, (v, text) in enumerate(zip(values, shown, strict=True))
    )
    return f"<tr><th>{escape(label)}</th>{cells}</tr>"


def compare_html(sites: Sequence[Site], lang: Language) -> tuple[str, list[Site]]:
    """The sites side by side, best first by overall score; returns the page and the ranking."""
    ranked = sorted(sites, key=lambda s: (s.overall is None, -(s.overall or 0)))
    heads = "".join(f"<th><a href='{escape(s.key)}/audit.html'>{escape(s.name)}</a></th>" for s in ranked)
    dash = lang("not measured")
    rows = [
        _row(
            lang("Overall"),
            [s.overall for s in ranked],
            [lang.number(s.overall) if s.overall is not None else dash for s in ranked],
            higher=True,
        )
    ]
    keys = list(dict.fromkeys(k for s in ranked for k in s.scores))
    for key in keys:
        scores = [s.scores.get(key) for s in ranked]
        rows.append(
            _row(
                category_name(key, lang),
                [float(v) if v is not None else None for v in scores],
                [str(v) if v is not None else dash for v in scores],
                higher=True,
            )
        )
    channels = list(dict.fromkeys(c for s in ranked for c in s.reply_seconds()))
    for channel in channels:
        seconds = [s.reply_seconds().get(channel) for s in ranked]
        rows.append(
            _row(
                lang("A person answered {channel} after").format(channel=channel),
                seconds,
                [lang.duration(v) if v is not None else lang("no answer") for v in seconds],
                higher=False,
            )
        )
    for metric, label, unit in (
        ("largest-contentful-paint", N_("Main content (LCP)"), 1000.0),
        ("categories:performance", N_("Speed score"), 0.01),
    ):
        values = [s.metric(metric) for s in ranked]
        shown = [lang.number(v / unit, 1) if v is not None else dash for v in values]
        rows.append(_row(lang(label), values, shown, higher=metric.startswith("categories")))
    legend = f"<p>{escape(lang('Green: the best in the row.'))}</p>"
    body = f"<table><thead><tr><th></th>{heads}</tr></thead><tbody>{''.join(rows)}</tbody></table>{legend}"
    return _page(lang("Side by side"), body, lang), ranked


# pybabel does not look inside f-strings: the words used there are marked here for the catalogs.
_IN_F_STRINGS = (
    N_("not measured"),
    N_("Audited sites"),
    N_("Overall"),
    N_("A person answered {channel} after"),
    N_("no answer"),
    N_("Green: the best in the row."),
    N_("Side by side"),
)
