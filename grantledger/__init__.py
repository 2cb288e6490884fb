"""The composition root: the one place where the store, the application, the read model and
the adapters are built from configuration and wired together."""
