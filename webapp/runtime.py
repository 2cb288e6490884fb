"""The running system a web application serves, as built by the composition root."""

from __future__ import annotations

from flask import current_app

from adapters.system import System

EXTENSION = "grantledger"


def runtime() -> System:
    found: System = current_app.extensions[EXTENSION]
    return found
