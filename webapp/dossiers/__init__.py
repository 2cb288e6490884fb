from webapp.dossiers.routes import blp

__all__ = ["blp"]
