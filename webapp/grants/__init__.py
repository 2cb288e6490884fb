from webapp.grants.routes import blp

__all__ = ["blp"]
