"""The few words every view shares: a status, what kind of thing a search result is, a field.

Small on purpose: search output, JSON and the exports read these without the card model."""

from hkprobono.model import Organisation, Ref

# The words for a status, the same in every view and export; active organisations carry none.
STATUS_WORDS = {"unconfirmed": "unconfirmed", "closed": "closed"}
# "Screening step", not "USM step": a label is read before any text could spell the abbreviation out.
KIND_LABELS = {"org": "Organisation", "step": "Screening step", "term": "Glossary term"}
# Where the sources give an organisation neither a phone (not a fax) nor an e-mail: said as a fact,
# never as advice to call.
NO_REACH = "no phone or e-mail found"
NO_REACH_LINE = "No phone or e-mail found."
# Any organisation's full card: what a list of them points to, where the reader can run a command.
ANY_CARD = Ref("org", "SLUG")


def status_word(org: Organisation) -> str:
    return STATUS_WORDS.get(org.status, "")


def with_status(name: str, status: str) -> str:
    """A name as one-line views show it: "Vision First Limited (unconfirmed)"."""
    return f"{name} ({status})" if status else name


# The data file's field names as a reader says them: "[for: ...]" after a source, and where a
# search found a word ("found in opening hours"), the guide's own fields included.
FIELD_WORDS = {
    "address": "address", "postal_address": "postal address", "district": "district",
    "phones": "phone", "email": "e-mail", "website": "website", "other_websites": "other websites",
    "social": "social media", "hours": "opening hours", "application_process": "how to get help",
    "languages": "languages", "status": "status", "status_note": "status", "summary": "summary",
    "description": "about", "services": "services", "serves": "who it serves",
    "information_topics": "information", "memberships": "memberships", "member_of": "memberships",
    "reached_through": "how people are referred", "chinese_name": "Chinese name",
    "alternate_names": "other names", "former_names": "former names", "categories": "categories",
    "districts": "district", "keywords": "search words", "name": "name", "slug": "short name",
    "title": "title", "term": "term", "meaning": "meaning", "deadline": "deadline",
    "what_to_do": "what to do", "explanation": "explanation", "law": "law", "citation": "law",
}  # fmt: skip


def field_word(field: str) -> str:
    """One field in plain words: "information_topics" reads "information"."""
    return FIELD_WORDS.get(field, field.replace("_", " "))


def field_words(fields: tuple[str, ...]) -> str:
    """ "address, phone, how to get help": each field once, in plain words."""
    said = dict.fromkeys(field_word(f) for f in fields)
    return ", ".join(said)
