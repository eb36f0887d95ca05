"""The demo business's contacts as the audit reports them, and what happens when the phone
leaves the header."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.conftest import ROOT

PROFILE = """
name = "Demo contacts"
phone_region = "GB"
[demo]
serve = true
header_phone = {header_phone}
[[pages]]
name = "home"
path = "/"
[[pages]]
name = "contacts"
path = "/contacts"
[budgets.contacts]
"phone:above-fold" = ["error", {{ minScore = 1 }}]
[contacts]
social = ["facebook", "instagram", "youtube"]
"""


def run(pytester: pytest.Pytester, header_phone: bool) -> tuple[int, dict[str, Any], str]:
    pytester.makefile(".toml", demo=PROFILE.format(header_phone=str(header_phone).lower()))
    result = pytester.runpytest_subprocess(
        str(ROOT / "probes" / "test_contacts.py"),
        str(ROOT / "probes" / "test_findability.py"),
        "--site",
        "demo.toml",
        "--rootdir",
        str(pytester.path),
        "-p",
        "no:cacheprovider",
    )
    folder = pytester.path / "reports" / "demo"
    return (
        int(result.ret),
        json.loads((folder / "results.json").read_text()),
        (folder / "audit.html").read_text(),
    )


def pick(data: dict[str, Any], name: str, subject: str = "site") -> dict[str, Any]:
    return next(r for r in data["results"] if r["name"] == name and r["subject"] == subject)


def test_every_channel_is_reported_with_depth_placement_and_screenshots(pytester: pytest.Pytester) -> None:
    code, data, html = run(pytester, header_phone=True)
    assert code == 0, [r["message"] for r in data["results"] if r["verdict"] == "fail"]
    assert pick(data, "phone:clicks")["actual"] == 0
    assert pick(data, "email:clicks")["actual"] == 1
    assert pick(data, "contact-page:clicks")["actual"] == 1
    for device in ("mobile", "desktop"):
        assert pick(data, "phone:above-fold", f"home · {device}")["verdict"] == "pass"
        assert "header" in pick(data, "phone:same-place", f"audited pages · {device}")["message"]
    assert pick(data, "social:profiles")["verdict"] == "pass"
    assert pick(data, "social:verified")["actual"] == "3 live"  # through the loopback stand-in
    assert pick(data, "task:prices:clicks")["actual"] == 1
    assert html.count("contacts outlined") >= 2  # annotated first screens, one a device


def test_without_the_header_phone_the_first_screen_check_fails_with_the_way_there(
    pytester: pytest.Pytester,
) -> None:
    code, data, _ = run(pytester, header_phone=False)
    assert code == 1
    for device in ("mobile", "desktop"):
        result = pick(data, "phone:above-fold", f"home · {device}")
        assert result["verdict"] == "fail"
        assert "home page → “Contact us”" in result["message"]
        assert result["evidence"]["click path"] == "home page → “Contact us”"
    assert pick(data, "phone:clicks")["actual"] == 1  # now on the contact page only
