"""What a person wrote in a reply, and what the reply quotes (pure).

Mail clients mark a quote in a few ways, all handled here: lines that begin with ">"; a line
introducing the quote ("On Mon, 1 Dec 2026 at 10:00, Alex <a@x> wrote:", "... пишет:",
"... rašė:", Yandex's "01.12.2026, 13:05, "Alex" <a@x>:"), after which everything is quoted; a
header block ("-----Original Message-----", "From: ... / Sent: ...", "От: ... / Отправлено: ...");
a forwarded message's banner. A help desk's "reply above this line" marker is dropped.

    fresh, quoted = split_quote(text)
"""

from __future__ import annotations

import re

__all__ = ["split_quote"]

_INTRO = re.compile(
    r"(^|\s)(wrote|writes|a écrit|schrieb|scrisse|escribió|пишет|написал[аи]?|rašė|parašė|raše)\s*:\s*$",
    re.IGNORECASE,
)
# Yandex and Mail.ru: "01.12.2026, 13:05, "Alex Morgan" <alex@...>:" ; Outlook.com "1 Dec 2026 10:00, Alex <..>:"
_DATED_INTRO = re.compile(r"^\s*\d{1,2}[./]\d{1,2}[./]\d{2,4},?\s+\d{1,2}:\d{2}.*<[^<>@\s]+@[^<>\s]+>\s*:\s*$")
_BANNER = re.compile(
    r"^\s*(-{2,}\s*)?(original message|forwarded message|begin forwarded message|исходное сообщение|"
    r"пересылаемое сообщение|переслан\w* сообщение|persiųstas laiškas|pradinis laiškas|originali žinutė)"
    r"\s*:?\s*(-{2,})?\s*:?\s*$",
    re.IGNORECASE,
)
_HEADER_FROM = re.compile(r"^\s*\*?(from|от|nuo|von|de)\s*:\s*\*?\s*\S", re.IGNORECASE)
_HEADER_NEXT = re.compile(
    r"^\s*\*?(sent|date|to|subject|отправлено|дата|кому|тема|išsiųsta|data|kam|tema|gesendet|envoyé)\s*:",
    re.IGNORECASE,
)
# A help desk's "##- Please type your reply above this line -##": an instruction, not content.
_ABOVE_LINE = re.compile(r"(reply above this line|ответьте выше этой строки|atsakykite virš šios eilutės)", re.I)


def _starts_quote(lines: list[str], i: int) -> bool:
    line = lines[i]
    if _BANNER.match(line) or _DATED_INTRO.match(line):
        return True
    if _INTRO.search(line) and len(line) < 300:
        return True
    # an introduction broken over two lines: "On Mon, 1 Dec 2026 at 10:00, Alex Morgan <" / "a@x> wrote:"
    if i + 1 < len(lines) and re.match(r"^\s*(on|le|am|в|\d)", line, re.I) and _INTRO.search(lines[i + 1]):
        return len(line) + len(lines[i + 1]) < 300
    if _HEADER_FROM.match(line):
        following = [x for x in lines[i + 1 : i + 5] if x.strip()]
        return any(_HEADER_NEXT.match(x) for x in following[:3])
    return False


def split_quote(text: str) -> tuple[str, str]:
    """(what the sender wrote, what the message quotes)."""
    lines = text.split("\n")
    fresh: list[str] = []
    quoted: list[str] = []
    for i, line in enumerate(lines):
        if _starts_quote(lines, i):
            following = next((x for x in lines[i + 1 :] if x.strip()), "")
            if following.lstrip().startswith(">"):  # "> " lines follow: a reply may come below them
                quoted.append(line)
                continue
            quoted.extend(lines[i:])
            break
        if _ABOVE_LINE.search(line):
            continue
        if line.lstrip().startswith(">"):
            quoted.append(re.sub(r"^(\s*>)+\s?", "", line))
        else:
            fresh.append(line)
    return "\n".join(fresh).strip(), "\n".join(quoted).strip()
