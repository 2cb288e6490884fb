"""Deterministic identities: a decision's reference is unique within its body by construction."""

from __future__ import annotations

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
