from webapp.funds.routes import blp

__all__ = ["blp"]
