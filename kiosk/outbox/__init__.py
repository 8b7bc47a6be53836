"""Store-and-forward: a forwarder thread sends journaled requests until the back end decides."""

from kiosk.outbox.backoff import RetryPolicy
from kiosk.outbox.forwarder import DrainSummary, Forwarder, ItemResult

__all__ = ["DrainSummary", "Forwarder", "ItemResult", "RetryPolicy"]
