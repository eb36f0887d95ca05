"""The ledger of runs, checks, contact attempts and replies."""

from touchpoint.ledger.store import Attempt, Ledger, Reply

__all__ = ["Attempt", "Ledger", "Reply"]
