"""Bot or person? A chat message counts as a person's answer only if it is none of: a greeting
sent before the visitor wrote, a system or bot message (by the vendor's own flags, an agent-join
notice, or a known bot's name such as Lyro, Fin or Freddy), faster than a person could type,
or a template seen on earlier runs. Every message keeps its verdict and the reason (pure)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from touchpoint.chat.session import ChatMessage

__all__ = ["BOT_NAMES", "Verdict", "judge", "template_hash"]

BOT_NAMES = re.compile(
    r"\b(lyro|fin|freddy|zendesk ai|answer bot|tidio ai|drift ?bot|chat ?bot|bot|assistant|virtual agent|ai agent|"
    r"автоответчик|бот|ассистент|виртуальный|robotas|asistentas|virtualus)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Verdict:
    message: ChatMessage
    human: bool
    why: str


def template_hash(text: str) -> str:
    """The same words, whatever the spacing, case or punctuation: one template."""
    norm = re.sub(r"[\W_]+", " ", text.lower()).strip()
    return hashlib.sha256(norm.encode()).hexdigest()[:32]


def judge(
    messages: Sequence[ChatMessage], *, sent_at: datetime | None, min_human: timedelta, templates: Iterable[str] = ()
) -> list[Verdict]:
    known = set(templates)
    verdicts = []
    for m in messages:
        if m.author == "visitor":
            verdicts.append(Verdict(m, False, "the shopper's own message"))
        elif m.author == "system":
            verdicts.append(Verdict(m, False, "a system message"))
        elif m.author == "bot" or m.meta.get("bot"):
            verdicts.append(Verdict(m, False, f"the widget marks it as a bot{f' ({m.name})' if m.name else ''}"))
        elif m.name and BOT_NAMES.search(m.name):
            verdicts.append(Verdict(m, False, f"sent by a bot ({m.name})"))
        elif sent_at is None or m.at < sent_at:
            verdicts.append(Verdict(m, False, "a greeting sent before the visitor wrote"))
        elif m.at - sent_at < min_human:
            verdicts.append(Verdict(m, False, f"too fast for a person ({(m.at - sent_at).total_seconds():.1f} s)"))
        elif template_hash(m.text) in known:
            verdicts.append(Verdict(m, False, "the same words as on an earlier run: a template"))
        else:
            verdicts.append(Verdict(m, True, f"a person{f' ({m.name})' if m.name else ''}"))
    return verdicts
