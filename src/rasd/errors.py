"""A small error hierarchy. Messages say what went wrong and what to do."""


class RasdError(Exception):
    """Base of every error rasd raises on purpose."""


class DocumentRejected(RasdError):
    """One document cannot be processed; the batch goes on without it."""

    def __init__(self, source: str, reason: str, detail: str = ""):
        self.source, self.reason, self.detail = source, reason, detail
        super().__init__(f"{source}: {reason}" + (f" ({detail})" if detail else ""))


class LexiconError(RasdError):
    """A lexicon file is malformed; the message names file and line."""


class StoreError(RasdError):
    """The database could not be opened or written."""
