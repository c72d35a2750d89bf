"""The few words every view shares: a status, and what kind of thing a search result is.

Small on purpose: search output, JSON and the exports read these without the card model."""

from hkprobono.model import Organisation

# The words for a status, the same in every view and export; active organisations carry none.
STATUS_WORDS = {"unconfirmed": "unconfirmed", "closed": "closed"}
KIND_LABELS = {"org": "Organisation", "step": "USM step", "term": "Glossary term"}


def status_word(org: Organisation) -> str:
    return STATUS_WORDS.get(org.status, "")


def with_status(name: str, status: str) -> str:
    """A name as one-line views show it: "Vision First Limited (unconfirmed)"."""
    return f"{name} ({status})" if status else name
