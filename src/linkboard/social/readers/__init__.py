"""The chat and social-media export readers: each reads one platform's export into account,
chat, message and post records (``records``), or what could not become one with the reason,
streaming. ``READERS`` names them as ``linkboard.hooks.readers`` takes them. A folder's ``.txt``
files are looked at for WhatsApp chats (a text file that is none is left alone); Telegram's and
Instagram's exports are JSON, which a folder's files are looked at for already."""

from __future__ import annotations

from linkboard import hooks
from linkboard.social.readers import instagram, telegram, whatsapp

READERS: dict[str, hooks.Reader] = {
    "telegram": hooks.Reader(telegram.read, detect=telegram.detect),
    "whatsapp": hooks.Reader(whatsapp.read, detect=whatsapp.detect, suffixes=(".txt",)),
    "instagram": hooks.Reader(instagram.read, detect=instagram.detect),
}

__all__ = ["READERS"]
