"""Linking: records joined through shared identifiers, near-duplicate photos and template text,
grouped into networks that can say which links hold them together.

The lead calls :func:`update` after the record stage and :func:`rebuild` after curation.
"""

from __future__ import annotations

from linkboard.link.config import IdentifierConfig, LinkConfig, PhotoConfig, TextConfig
from linkboard.link.networks import LinkReport, network_edges, rebuild, suppress, update
from linkboard.link.photos import hash_image

__all__ = [
    "IdentifierConfig",
    "LinkConfig",
    "LinkReport",
    "PhotoConfig",
    "TextConfig",
    "hash_image",
    "network_edges",
    "rebuild",
    "suppress",
    "update",
]
