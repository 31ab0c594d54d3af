"""Casework: accounts, roles, sessions, the audit trail, cases, curation, watches and alerts.

Every function takes the store first and the acting user (or ``None`` for the local operator at
the command line) where it changes something; each change is written to the audit log.
"""
