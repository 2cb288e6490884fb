"""Who is asking: bearer tokens, roles, and the body whose records they may see."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, NoReturn, TypeVar

from flask import g, request
from flask_smorest import abort as smorest_abort

from adapters.users import Role, User
from webapp.runtime import runtime

F = TypeVar("F", bound=Callable[..., Any])

DRAFTING = frozenset({Role.OFFICER})
FINANCE = frozenset({Role.FINANCE_OFFICER})
MONITORING = frozenset({Role.MONITORING_OFFICER})
DECIDING = frozenset({Role.DECISION_MAKER})
PAYING = frozenset({Role.TREASURER})
CHANGING_FUNDS = frozenset({Role.FINANCE_OFFICER, Role.TREASURER})
IMPORTING = frozenset({Role.ADMIN})
AUDITING = frozenset({Role.AUDITOR})
EXPORTING = frozenset({Role.AUDITOR, Role.TREASURER})

CHALLENGE = {"WWW-Authenticate": 'Bearer realm="grantledger"'}


def authenticate() -> None:
    """Run before every staff request: no valid token, no further."""
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        abort_401("Give a bearer token in the Authorization header.")
    user = runtime().users.authenticate(token.strip())
    if user is None:
        abort_401("The bearer token is not valid, or has been revoked.")
    g.user = user


def abort_401(message: str) -> NoReturn:
    abort(401, message, headers=CHALLENGE)


def current_user() -> User:
    user: User = g.user
    return user


def allowed(roles: frozenset[Role]) -> Callable[[F], F]:
    """Only users with one of these roles (or admin) may run the command."""

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            user = current_user()
            if not user.has_any(roles):
                names = " or ".join(sorted(r.value for r in roles))
                abort(403, f"{user.name} is not a {names}: only they may do this")
            return view(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorator


def abort(status: int, message: str, headers: dict[str, str] | None = None,
          errors: dict[str, Any] | None = None) -> NoReturn:
    smorest_abort(status, message=message, headers=headers or {},
                  **({"errors": errors} if errors else {}))
    raise AssertionError("abort returned")
