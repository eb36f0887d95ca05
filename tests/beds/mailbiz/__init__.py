"""A blind test bed for the audit's reply timing: Linden Row Dental, a small London dental
clinic, served on loopback with its own mail server, plus the shopper's SMTP server and IMAP
mailbox, and scenarios of how the clinic's people and systems write back. The simulator records
the answer key itself (see README.md). Written without reading the code it tests.
"""

from __future__ import annotations

from .bed import PASSWORD_ENV, MailBusiness
from .model import Scenario, Step
from .scenarios import SCENARIOS, by_name

__all__ = ["PASSWORD_ENV", "SCENARIOS", "MailBusiness", "Scenario", "Step", "by_name"]
