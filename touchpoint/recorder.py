"""What a check leaves behind for the report: its results and its attachments.

The `audit` fixture is a `Recorder` bound to the running test. Results go into the test's
`user_properties` (so they travel from pytest-xdist workers and land in JUnit XML), and
attachments become pytest-html extras. A result whose verdict is `fail` fails the test with
its message; `warn` is reported and the test passes.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from typing import Any

import pytest

from touchpoint.result import NOT_CHECKED, CheckResult, unmeasured

__all__ = ["OUTAGES", "PROPERTY", "Attachment", "Recorder", "record_outage", "results_of"]

PROPERTY = "touchpoint.check"
# category -> why its checks could not be made (the site turned the audit away, ...)
OUTAGES = pytest.StashKey[dict[str, str]]()


def record_outage(config: pytest.Config, categories: tuple[str, ...], reason: str) -> None:
    """From now on, checks of these categories are reported as not checked, for this reason:
    a site that could not be opened has no phone "missing", it has an audit that could not look."""
    outages = config.stash.setdefault(OUTAGES, {})
    for category in categories:
        outages[category] = reason


@dataclass(frozen=True, slots=True)
class Attachment:
    kind: str  # "jpeg", "png", "link" or "file"
    name: str
    content: str  # base64 for images, a URL for links, a path for files


@dataclass
class Recorder:
    """Records check results and evidence for the running test.

    def test_phone(audit, site):
        audit.check(result)                   # fails the test if the result's verdict is fail
        audit.attach_image(jpeg, "mobile screenshot")
    """

    node: pytest.Item
    attachments: list[Attachment] = field(default_factory=list)

    def check(self, result: CheckResult) -> CheckResult:
        outage = self.node.config.stash.get(OUTAGES, {}).get(result.category)
        if outage is not None:
            result = unmeasured(
                name=result.name,
                category=result.category,
                title=result.title,
                subject=result.subject,
                level=result.level,
                reason=NOT_CHECKED + outage,
                expected=result.expected,
                operator=result.operator,
                unit=result.unit,
                url=result.url,
            )
        self.node.user_properties.append((PROPERTY, json.dumps(result.to_json(), ensure_ascii=False)))
        if result.fails_run:
            pytest.fail(result.message, pytrace=False)
        return result

    def attach_image(self, data: bytes, name: str, *, kind: str = "jpeg") -> None:
        self.attachments.append(Attachment(kind, name, base64.b64encode(data).decode("ascii")))

    def attach_link(self, url: str, name: str) -> None:
        self.attachments.append(Attachment("link", name, url))

    def attach_file(self, path: str, name: str) -> None:
        """A file written beside the report (a Lighthouse report); linked relative to it."""
        self.attachments.append(Attachment("file", name, path))


def results_of(user_properties: Any) -> list[CheckResult]:
    """The check results recorded on a test report."""
    found = []
    for key, value in user_properties or ():
        if key == PROPERTY:
            found.append(CheckResult.from_json(json.loads(value)))
    return found
