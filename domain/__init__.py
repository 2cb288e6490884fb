"""The grant-management domain: decisions, grants, programmes and funds."""
