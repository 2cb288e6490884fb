"""Why the read side refuses a command or a question."""

from __future__ import annotations

from domain.errors import GrantledgerError


class LedgerLimitError(GrantledgerError):
    """The ledgers cannot hold what the command would record, so nothing is recorded."""


class LedgersUnavailableError(GrantledgerError):
    """The ledgers are being rebuilt, or must be: commands and ledger queries wait for it."""
