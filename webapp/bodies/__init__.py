from webapp.bodies.routes import blp

__all__ = ["blp"]
