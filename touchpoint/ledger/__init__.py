"""The ledger of runs, checks, contact attempts and replies."""

from touchpoint.ledger.store import Attempt, Claim, Ledger, Reply

__all__ = ["Attempt", "Claim", "Ledger", "Reply"]
