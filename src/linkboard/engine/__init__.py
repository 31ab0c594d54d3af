"""Engines run the pure stage functions somewhere: ``local`` (default) on this machine."""
