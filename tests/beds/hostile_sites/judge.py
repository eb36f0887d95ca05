"""Judging the hostile-sites bed's key against what an audit said: shared by the bench
(bench/hostile_sites.py, the whole `touchpoint audit` per case) and the make-test version
(tests/browser/test_hostile_sites.py, the page visit and the crawl per case).

Not part of the blind bed: written after it, from its key (`finding`, `finding_also_acceptable`,
`must_not_find`, `forbidden_everywhere`, `forbidden`), loosely - the owner's words may differ, the
fact may not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from tests.beds.hostile_sites.server import KEY

__all__ = ["FINDING_WORDS", "MUST_NOT", "finds", "forbidden_in", "forbidden_words", "plain", "says_wrongly"]

_CERT = r"certificate|\bTLS\b|\bSSL\b|HTTPS|secure connection"
_NOT_TRUSTED = [_CERT, r"not trusted|untrusted|self-signed|authority|not valid|invalid"]
_OTHER_HOST = r"127\.0\.0\.2|another (host|site|domain|address)|other (host|site|domain)|off the site|elsewhere"

# Per case: alternatives, each a list of patterns that one result must all match (case-insensitive).
# Derived from the key's `finding` (and `finding_also_acceptable`), loosely: the owner's words
# may differ, the fact may not.
FINDING_WORDS: Mapping[str, list[list[str]]] = {
    "slow-first-byte": [
        [r"first byte|server (response|wait|answer)|slow", r"\b[7-9]([.,]\d+)?\s*s\b|\b[7-9][,.]?\d{3}\s*ms\b"]
    ],
    "no-answer": [[r"did not answer|no (answer|reply|response)|not respond|never (answered|replied)"]],
    "refused": [[r"refus|nothing (is )?listening|not listening"]],
    "close-mid-header": [
        [r"broke off|closed|cut off|incomplete|dropped|disconnect|ended", r"header|answer|connection|response"]
    ],
    "not-http": [[r"not a web server|not HTTP|\bSSH\b|does not speak HTTP"]],
    "headers-too-big": [[r"header", r"too (large|big|long)|\d+\s*KB|cookie"]],
    "short-body": [[r"never finish|did not finish|not finish|incomplete|stopped after|cut off", r"load|KB|page"]],
    "endless-chunked": [[r"never finish|did not finish|not finish|without end|endless|keeps sending|never ends"]],
    "not-found-404": [[r"\b404\b|not found"]],
    "server-error-500": [[r"\b500\b|internal server error|server error"]],
    "maintenance-503": [[r"\b503\b|unavailable|maintenance"]],
    "auth-required-401": [[r"\b401\b|password|authori[sz]|authenticat|log ?in"]],
    "redirect-loop": [[r"redirect", r"loop|too many|cycle|in a circle|back to"]],
    "redirect-other-host": [[r"redirect|moved|leads|sends|goes", _OTHER_HOST]],
    "redirect-chain-other-host": [[r"redirect|moved|leads|sends|goes", _OTHER_HOST]],
    "meta-refresh-other-host": [[r"refresh|redirect|sends|leads|moves|goes", _OTHER_HOST]],
    "js-redirect-other-host": [[r"redirect|sends|leads|moves|navigat|goes", _OTHER_HOST]],
    "refresh-loop": [[r"reload|refresh", r"itself|loop|keeps|again|every|repeated"]],
    "pdf-home": [[r"\bpdf\b", r"not a (web )?page|not (an? )?HTML|instead of a (web )?page|is a (pdf|file|document)"]],
    "json-home": [[r"\bjson\b", r"not a (web )?page|not (an? )?HTML|instead of a (web )?page|is a file"]],
    "empty-200": [[r"empty|blank|no content|nothing (on|to see)"]],
    "bad-gzip": [[r"decod|gzip|compress|corrupt|garbled|cannot be read|unreadable"]],
    "charset-mismatch": [[r"charset|encoding|character set|garbled|mojibake|windows-1252"]],
    "charset-latin1-header": [[r"charset|encoding|character set|garbled|mojibake|ISO-8859-1|latin"]],
    "huge-10mb": [[r"too (large|big)|huge|over the (cap|limit)|larger than|exceeds|read up to"]],
    "links-5000": [[r"too many links|5[,. ]?000 links|links.{0,40}(cap|limit)|(cap|limit).{0,40}links"]],
    "gzip-bomb": [[r"too (large|big)|unpack|inflat|bomb|decompress|read up to|\b1([.,]\d+)?\s*GB\b"]],
    "endless-js-loop": [[r"script|javascript|freez|hang|unresponsive|never stops|busy"]],
    "js-freeze-after-load": [[r"script|javascript|freez|hang|unresponsive|never stops|busy"]],
    "dialogs": [[r"dialog|\balert\b|confirm|prompt"]],
    "popup-flood": [[r"pop-?ups?|new windows?|windows", r"block|tried|open"]],
    "overlay-never-closes": [[r"overlay|covers?|hidden behind|modal|cannot be closed"]],
    "captcha-wall": [[r"captcha|bot (check|protection|wall)|challenge|robot|needs a person|human"]],
    "captcha-contact-form": [[r"captcha|bot check|challenge|robot|needs a person"]],
    "form-posts-elsewhere": [[r"form", _OTHER_HOST + r"|third[- ]party|not sent"]],
    "tls-self-signed": [[_CERT, r"self-signed"], _NOT_TRUSTED],
    "tls-expired": [[_CERT, r"expired|out of date|no longer valid"], _NOT_TRUSTED],
    "tls-wrong-host": [[_CERT, r"another name|wrong (name|host)|does not match|mismatch|brightwater"], _NOT_TRUSTED],
    "tls-control": [_NOT_TRUSTED],  # acceptable only: the bed's CA is not trusted here
}

# Per case: what must not be said (the key's `must_not_find`, as patterns).
MUST_NOT: Mapping[str, list[str]] = {
    "close-mid-header": [r"\bopens\b[^.]{0,40}\(HTTP 200\)"],
    "pdf-home": [r"\bopens\b[^.]{0,40}\(HTTP 200\)"],
    "json-home": [r"\bopens\b[^.]{0,40}\(HTTP 200\)"],
    "empty-200": [r"\bopens\b[^.]{0,40}\(HTTP 200\)"],
    "bad-gzip": [r"\bopens\b[^.]{0,40}\(HTTP 200\)"],
    "cookie-redirect": [r"redirect loop", r"too many redirects", r"did not open|does not open|didn't open"],
}


def forbidden_words(case: Mapping[str, Any]) -> list[str]:
    """The words no owner-facing text of this case may contain."""
    return [*KEY["forbidden_everywhere"], *case.get("forbidden", [])]


def forbidden_in(case: Mapping[str, Any], text: str) -> list[str]:
    """The forbidden words `text` contains (case-insensitive substrings)."""
    low = text.lower()
    return sorted({w for w in forbidden_words(case) if w.lower() in low})


def plain(text: str, case: Mapping[str, Any]) -> str:
    """`text` without error codes and forbidden words: a finding said only inside them
    (ERR_CONNECTION_REFUSED) is not said in words."""
    text = re.sub(r"(net::)?ERR_[A-Z0-9_]+", " ", text)
    for word in forbidden_words(case):
        text = re.sub(re.escape(word), " ", text, flags=re.IGNORECASE)
    return text


def matches(patterns: list[str], text: str) -> bool:
    return all(re.search(p, text, re.IGNORECASE) for p in patterns)


def finds(case: Mapping[str, Any], texts: Iterable[str]) -> bool:
    """Whether one of `texts` (findings: results that did not pass) says the case's finding in words."""
    alternatives = FINDING_WORDS.get(case["id"], [])
    return any(matches(alt, plain(t, case)) for t in texts for alt in alternatives)


def says_wrongly(case: Mapping[str, Any], texts: Iterable[str]) -> list[str]:
    """The texts that say what the key's `must_not_find` forbids."""
    return [t for t in texts for p in MUST_NOT.get(case["id"], []) if re.search(p, t, re.IGNORECASE)]
