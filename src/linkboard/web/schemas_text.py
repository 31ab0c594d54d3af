"""The shape of a span the pages highlight in a text: a mention or an indicator's evidence."""

from __future__ import annotations

from pydantic import BaseModel, Field


class Highlight(BaseModel):
    field: str
    start: int
    end: int
    label: str
    kind: str = Field(description="mention kind, or 'indicator'")
    value: str = ""
