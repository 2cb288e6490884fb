"""Signing in to the dashboard: a token given once becomes a session cookie (HttpOnly,
SameSite=Strict, signed) holding the token's hash, so that a revoked token signs its session
out at once; every form carries a token of the session against cross-site requests."""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import abort, g, redirect, request, session, url_for

from adapters.users import User, digest
from webapp.runtime import runtime

F = TypeVar("F", bound=Callable[..., Any])
TOKEN_HASH, CSRF = "token_hash", "csrf"


def form_token() -> str:
    """The session's token against cross-site requests, made on first use."""
    if CSRF not in session:
        session[CSRF] = secrets.token_urlsafe(32)
    return str(session[CSRF])


def check_form() -> None:
    given = request.form.get(CSRF, "")
    if not given or not hmac.compare_digest(given, session.get(CSRF, "")):
        abort(400, "The form has expired or did not come from this site: reload and try again.")


def sign_in(token: str) -> User | None:
    user = runtime().users.authenticate(token.strip())
    if user is not None:
        session.clear()
        session[TOKEN_HASH] = digest(token.strip())
        form_token()
    return user


def sign_out() -> None:
    session.clear()


def signed_in() -> User | None:
    held = session.get(TOKEN_HASH)
    return runtime().users.holding(held) if isinstance(held, str) else None


def staff_only(view: F) -> F:
    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        user = signed_in()
        if user is None:
            session.pop(TOKEN_HASH, None)
            return redirect(url_for("dashboard.sign_in_page", next=request.full_path))
        g.user = user
        return view(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def safe_next(target: str) -> str:
    """Only a path on this site: never another site a link might name."""
    if not target.startswith("/") or target.startswith(("//", "/\\")) or "\n" in target:
        return "/"
    return target
