"""Precision and recall of the contacts extraction over the fixture sites in tests/sites.

Each fixture site (English, Russian, Lithuanian; varied markup, obfuscations, JavaScript-built
contacts, traps) has an answer key written by a person from what the pages show. This serves
each site on 127.0.0.1, runs the real audit path (rendered crawl in Chromium, extraction,
per-channel findings) and compares. Target: every figure at least 0.95.

    .venv/bin/python bench/contacts_accuracy.py [-v]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.sites.serve import answer, names, serve_site
from touchpoint.browser.find import find_browser
from touchpoint.findability.audit import audit_contacts
from touchpoint.findability.checks import SiteContacts
from touchpoint.profile import parse_profile

KINDS = ("phones", "emails", "social", "contact_page")


def predicted(site: SiteContacts) -> dict[str, set[str]]:
    def values(prefix: str) -> set[str]:
        return {
            v
            for ch, f in site.findings.items()
            if ch == prefix or ch.startswith(prefix + ":")
            for v in (*f.values, *f.declared)
        }

    contact = site.finding("contact-page")
    return {
        "phones": values("phone"),
        "emails": values("email"),
        "social": values("social"),
        "messengers": values("messenger"),
        "contact_page": {urlsplit(contact.pages[0]).path} if contact.pages else set(),
    }


def expected(key: dict[str, object]) -> dict[str, set[str]]:
    def as_set(value: object) -> set[str]:
        if isinstance(value, str):
            return {value}
        return {str(v) for v in value} if isinstance(value, list) else set()

    return {kind: as_set(key.get(kind, [])) for kind in (*KINDS, "messengers")}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-v", "--verbose", action="store_true", help="show every miss and false find")
    parser.add_argument("--site", action="append", help="only this fixture site (repeatable)")
    args = parser.parse_args()
    chosen = [n for n in names() if not args.site or n in args.site]
    browser = find_browser().path
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for name in chosen:
        key = answer(name)
        server = serve_site(name)
        try:
            profile = parse_profile(
                f'name = "{name}"\nbase_url = "{server.base_url}"\nlanguage = "{key["language"]}"\n'
                f'phone_region = "{key["region"]}"\n[contacts]\nverify_social = false\n'
            )
            site = audit_contacts(profile, executable=browser)
        finally:
            server.stop()
        got, want = predicted(site), expected(key)
        line = []
        for kind in (*KINDS, "messengers"):
            hit, extra, miss = got[kind] & want[kind], got[kind] - want[kind], want[kind] - got[kind]
            if kind in KINDS:
                tp[kind] += len(hit)
                fp[kind] += len(extra)
                fn[kind] += len(miss)
            line.append(f"{kind} {len(hit)}/{len(want[kind])}" + (f" +{len(extra)}" if extra else ""))
            if args.verbose and (extra or miss):
                for value in sorted(miss):
                    print(f"  {name}: missed {kind} {value}")
                for value in sorted(extra):
                    print(f"  {name}: false {kind} {value}")
        print(f"{name:16} {len(site.crawl.pages):3} pages  " + "  ".join(line))
    print()
    worst = 1.0
    for kind in KINDS:
        precision = tp[kind] / (tp[kind] + fp[kind]) if tp[kind] + fp[kind] else 1.0
        recall = tp[kind] / (tp[kind] + fn[kind]) if tp[kind] + fn[kind] else 1.0
        worst = min(worst, precision, recall)
        print(
            f"{kind:13} precision {precision:.3f}  recall {recall:.3f}  "
            f"({tp[kind]} right, {fp[kind]} false, {fn[kind]} missed)"
        )
    print(f"\nlowest figure: {worst:.3f} (target >= 0.95) over {len(chosen)} sites")
    return 0 if worst >= 0.95 else 1


if __name__ == "__main__":
    sys.exit(main())
