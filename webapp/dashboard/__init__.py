"""The staff dashboard: read-only pages of the body's books, signed in with a token."""
