from webapp.ledgers.routes import blp

__all__ = ["blp"]
