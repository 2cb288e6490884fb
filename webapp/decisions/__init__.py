from webapp.decisions.routes import blp

__all__ = ["blp"]
