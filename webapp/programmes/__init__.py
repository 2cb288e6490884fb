from webapp.programmes.routes import blp

__all__ = ["blp"]
