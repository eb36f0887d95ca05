"""Findability tasks: can a visitor find the prices (the opening hours, the delivery terms), and
in how many clicks from the home page? Pure: the crawl in, a `TaskFinding` out."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from touchpoint.crawl import CrawledPage, CrawlResult
from touchpoint.findability.catalogue import TASKS, TaskWords

__all__ = ["TaskFinding", "find_task", "task_words"]


@dataclass(frozen=True, slots=True)
class TaskFinding:
    name: str
    title: str
    page: str | None = None
    depth: int | None = None
    path: tuple[tuple[str, str], ...] = ()
    because: str = ""  # what on the page answers the task


def task_words(name: str, words: tuple[str, ...], language: str) -> TaskWords:
    """The words of a task: the profile's own, else the built-in task's (all languages, the
    site's first)."""
    if words:
        return TaskWords(name.replace("-", " ").capitalize(), {language: words})
    return TASKS[name]


def _pattern(words: TaskWords) -> re.Pattern[str]:
    every = sorted({w for ws in words.words.values() for w in ws}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(w) for w in every) + r")(?!\w)", re.IGNORECASE)


def _slugs(words: TaskWords) -> re.Pattern[str]:
    every = {re.sub(r"\s+", "-", w.lower()) for ws in words.words.values() for w in ws}
    return re.compile(r"(^|/)(" + "|".join(re.escape(w) for w in sorted(every)) + r")(\.\w+)?(/|$)", re.IGNORECASE)


def _answers(page: CrawledPage, words: TaskWords, pattern: re.Pattern[str], slugs: re.Pattern[str]) -> str:
    snapshot = page.snapshot
    if snapshot is None:
        return ""
    path = unquote(urlsplit(page.url).path)
    if slugs.search(path):
        return f"its address ({path})"
    for where, text in (
        ("title", snapshot.title),
        ("link", page.via),
        *(("heading", h) for h in snapshot.headings),
    ):
        if text and (match := pattern.search(text)):
            return f'the {where} "{text}"' if where != "link" else f'the link "{text}" ({match.group(0)})'
    if words.content is not None:
        hits = words.content.findall(snapshot.text)
        if len(hits) >= words.content_min:
            first = words.content.search(snapshot.text)
            sample = first.group(0).strip() if first else ""
            return f'its text ("{sample[:60]}"' + (f" and {len(hits) - 1} more)" if len(hits) > 1 else ")")
    return ""


def find_task(name: str, words: TaskWords, crawl: CrawlResult) -> TaskFinding:
    pattern, slugs = _pattern(words), _slugs(words)
    for page in sorted(crawl.ok, key=lambda p: (p.depth, p.url)):
        because = _answers(page, words, pattern, slugs)
        if because:
            return TaskFinding(name, words.title, page.url, page.depth, tuple(crawl.path_to(page.url)), because)
    return TaskFinding(name, words.title)
