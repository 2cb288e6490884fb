from webapp.exports.routes import SETTINGS, blp

__all__ = ["SETTINGS", "blp"]
