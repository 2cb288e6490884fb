"""Adapters: persistence settings, decision dossiers, reports and the command line."""
