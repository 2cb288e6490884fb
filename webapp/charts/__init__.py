from webapp.charts.routes import blp

__all__ = ["blp"]
