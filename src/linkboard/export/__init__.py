"""Exports: records as JSON Lines / CSV, and case, network and search exports for other tools."""
