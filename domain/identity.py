"""Deterministic identities: a decision's reference is unique within its body by construction."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from uuid import UUID, uuid5

_NAMESPACE = UUID("6f1c8a52-4b7e-4d0b-9a57-3c1d2f0e8b11")


@lru_cache(maxsize=4096)
def normal(text: str) -> str:
    return " ".join(text.lower().split())


@lru_cache(maxsize=4096)
def decision_id(body: str, reference: str) -> UUID:
    compact_reference = "".join(reference.lower().split())
    return uuid5(_NAMESPACE, f"decision|{normal(body)}|{compact_reference}")


def decision_key(body: str, reference: str | None, title: str, drafted_on: date) -> UUID:
    """A decision by its reference or, where the record states none, by its title and the
    day it was drafted."""
    if reference is not None:
        return decision_id(body, reference)
    return uuid5(_NAMESPACE, f"decision|{normal(body)}|reference not stated|{normal(title)}|"
                             f"{drafted_on.isoformat()}")


@lru_cache(maxsize=1024)
def programme_id(name: str) -> UUID:
    return uuid5(_NAMESPACE, f"programme|{normal(name)}")


@lru_cache(maxsize=4096)
def fund_id(body: str, name: str) -> UUID:
    return uuid5(_NAMESPACE, f"fund|{normal(body)}|{normal(name)}")


@lru_cache(maxsize=1024)
def staff_id(name: str) -> UUID:
    return uuid5(_NAMESPACE, f"staff|{normal(name)}")


@lru_cache(maxsize=1024)
def body_id(name: str) -> UUID:
    return uuid5(_NAMESPACE, f"body|{normal(name)}")
