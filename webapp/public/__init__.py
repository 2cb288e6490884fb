from webapp.public.routes import blp

__all__ = ["blp"]
