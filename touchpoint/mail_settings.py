"""The shopper's mailbox and mail server from a profile, with passwords from the environment."""

from __future__ import annotations

import os

from touchpoint.attempts.mailer import OutboxSettings
from touchpoint.profile.model import SiteProfile
from touchpoint.replies.imap_watch import InboxSettings

__all__ = ["inbox_settings", "outbox_settings"]


def inbox_settings(profile: SiteProfile) -> InboxSettings | None:
    """None when the profile has no complete [inbox] (host, user, and a set password_env)."""
    box = profile.inbox
    password = os.environ.get(box.password_env or "", "")
    if not box.host or not box.user or not password:
        return None
    return InboxSettings(box.host, box.port, box.user, password, box.security, box.folder)


def outbox_settings(profile: SiteProfile) -> OutboxSettings | None:
    box = profile.outbox
    if not box.host:
        return None
    password = os.environ.get(box.password_env or "") if box.password_env else None
    return OutboxSettings(box.host, box.port, box.user, password, box.security)
