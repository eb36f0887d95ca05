"""The reply engine's pure core on the blind mail corpus (tests/data/mail: 55 real-shaped messages
and an answer key written from RFCs and real mail by someone who had not read the code).

Prints, in one run: kinds right, requests right, answers right (counted exactly when a person
answered that request), messages wrongly taken as an answer, real answers missed; then every
entry the core gets wrong.

    .venv/bin/python bench/mail_corpus.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.mail_corpus import score


def main() -> int:
    scored = score()
    n = len(scored)
    print(f"mail corpus: {n} messages")
    print(f"  kind right:     {sum(s.kind_right for s in scored)} / {n}")
    print(f"  request right:  {sum(s.about_right for s in scored)} / {n}")
    print(f"  answer right:   {sum(s.answer_right for s in scored)} / {n}")
    print(f"  all three:      {sum(s.right for s in scored)} / {n}")
    print(f"  wrongly taken as an answer: {sum(s.found.counted and not s.entry['answer'] for s in scored)}")
    print(f"  real answers missed:        {sum(not s.found.counted and s.entry['answer'] for s in scored)}")
    for s in scored:
        if not s.right:
            print("  ✗ " + s.line())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
