"""Domain errors: one small hierarchy, each message something a person can act on."""

from __future__ import annotations


class GrantledgerError(Exception):
    """Any rule of the domain refusing a command."""


class InvalidValueError(GrantledgerError, ValueError):
    """A value that cannot be what it claims to be (money, a financial year, a date)."""


class NotFoundError(GrantledgerError, LookupError):
    kind = "Record"

    def __init__(self, key: object) -> None:
        self.key = key
        super().__init__(f"{self.kind} {key} was not found")


class DecisionNotFoundError(NotFoundError):
    kind = "Decision"


class GrantNotFoundError(NotFoundError):
    kind = "Grant"


class ProgrammeNotFoundError(NotFoundError):
    kind = "Programme"


class FundNotFoundError(NotFoundError):
    kind = "Fund"


class DuplicateError(GrantledgerError):
    """A record that must be unique already exists."""


class ConcurrentChangeError(GrantledgerError):
    """Somebody else changed the same record first; nothing was recorded."""


class StaleVersionError(ConcurrentChangeError):
    """The record has moved on from the version the command was given against."""

    def __init__(self, label: str, expected: int, current: int) -> None:
        self.expected = expected
        self.current = current
        super().__init__(
            f"{label} is at version {current}, not {expected}: it changed since it was read; "
            "nothing was recorded"
        )


class SeparationOfDutiesError(GrantledgerError):
    """One person may not both propose and decide, or both approve and pay."""


class DecisionError(GrantledgerError):
    pass


class DecisionClosedError(DecisionError):
    """The decision has been taken: only publication steps may follow."""


class SignOffMissingError(DecisionError):
    pass


class PublicationError(DecisionError):
    pass


class AuthorityError(DecisionError):
    """A grant asks for more than, or other than, what its decision authorises."""


class GrantError(GrantledgerError):
    pass


class GrantStatusError(GrantError):
    pass


class OverpaymentError(GrantError):
    pass


class PaymentAfterTerminationError(GrantError):
    pass


class RepaymentError(GrantError):
    pass


class ProgrammeError(GrantledgerError):
    pass


class FundError(GrantledgerError):
    pass


class OverCommitmentError(FundError):
    pass


class StaffNotFoundError(NotFoundError):
    kind = "Staff member"


class StaffError(GrantledgerError):
    pass


class BodyNotFoundError(NotFoundError):
    kind = "Body"

    def __init__(self, key: object) -> None:
        self.key = key
        GrantledgerError.__init__(
            self, f"{key} is not in the register of bodies: register it first, with its kind "
            "and any body it succeeds")


class BodyError(GrantledgerError):
    pass
