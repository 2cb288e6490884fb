"""What a handler is: given the books, a command and who issued it, it checks every rule, then
changes the records the command concerns and saves them together; it answers with the id of
the record the command created or acted on."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar
from uuid import UUID

from domain.commands import Command, Issuer

if TYPE_CHECKING:
    from domain.application import Grantledger

C = TypeVar("C", bound=Command)
Handler = Callable[["Grantledger", C, Issuer], UUID]
