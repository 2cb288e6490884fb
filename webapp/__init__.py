"""The staff HTTP API: a thin Flask adapter over the application."""

from webapp.app import create_app

__all__ = ["create_app"]
