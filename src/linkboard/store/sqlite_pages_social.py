"""The social pages' reads (SQLite): the messages of a chat, in the order they were sent.

A chat's messages are read by their ids' prefix on the records' primary key: a message of the
chat ``chat:<platform>:<chat id>`` is ``msg:<platform>:<chat id>:<message id>``
(``social.readers.records``), and its ``chat`` field names the chat (checked, so an id that only
looks like one is left out)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from linkboard.store.sqlite import Connection

CHAT, MESSAGE = "chat:", "msg:"


def message_prefix(chat_id: str) -> str:
    """The prefix of the ids of CHAT_ID's messages (``msg:<platform>:<chat id>:``)."""
    return MESSAGE + chat_id.removeprefix(CHAT) + ":"


class SocialPageSQL:
    db: Connection

    def chat_message_ids(self, chat_id: str) -> list[str]:
        """The ids of the messages of the chat CHAT_ID, by time sent (unknown last), then id."""
        if not chat_id.startswith(CHAT):
            return []
        prefix = message_prefix(chat_id)
        rows = self.db.execute(
            "SELECT id FROM records WHERE id >= ? AND id < ? AND +kind = 'message' "
            "AND json_extract(extra, '$.chat') = ? "
            "ORDER BY posted_at IS NULL, posted_at, id",
            (prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1), chat_id),
        )
        return [row[0] for row in rows]
