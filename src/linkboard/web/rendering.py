"""Jinja2 templates (autoescaped) and the filters the pages share."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fastapi.templating import Jinja2Templates
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape

from linkboard import __version__
from linkboard.score.risk import risk_label
from linkboard.web import masking
from linkboard.web.details import action_text, alert_reason, detail_text, when
from linkboard.web.highlight import highlight
from linkboard.web.timeline import timeline

TEMPLATES = Path(__file__).resolve().parent / "templates"


def risk_band(risk: float | None) -> str:
    if risk is None:
        return "none"
    return "high" if risk >= 0.7 else "medium" if risk >= 0.4 else "low"


def snippet(text: str) -> Markup:
    """FTS5 snippet text with its \\x02/\\x03 match markers turned into <mark>, escaped."""
    out = str(escape(text)).replace("\x02", "<mark>").replace("\x03", "</mark>")
    return Markup(out)


def fields_of(spans: list[Any], field: str) -> list[Any]:
    return [s for s in spans if s.field == field]


def to_json(value: Any) -> str:
    """JSON for a data-* attribute (autoescape then quotes it)."""
    return json.dumps(value, separators=(",", ":"), default=str)


def models_json(models: list[Any]) -> str:
    """A list of pydantic models as JSON for a data-* attribute."""
    return json.dumps([m.model_dump(mode="json") for m in models], separators=(",", ":"))


def short_day(value: str | None) -> str:
    return (value or "")[:10]


@pass_context
def shown(context: Context, kind: str, value: str) -> str:
    """An identifier as a page shows it (``+1 702-555-0123``, ``@lola_22 (instagram)``); an
    account number masked unless the page's user may see it (``reveal_accounts``)."""
    return masking.shown(kind, value, bool(context.get("reveal_accounts", False)))


@pass_context
def concealed(context: Context, kind: str) -> bool:
    """Whether the page's user sees identifiers of KIND masked (an IBAN to a viewer)."""
    return kind in masking.masked_kinds() and not context.get("reveal_accounts", False)


def make_templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(TEMPLATES))
    env = templates.env
    env.filters.update(
        risk_band=risk_band, snippet=snippet, to_json=to_json, models_json=models_json,
        day=short_day, when=when, detail_text=detail_text, alert_reason=alert_reason,
        pct=lambda r: risk_label(r or 0),
    )  # fmt: skip
    env.globals.update(action_text=action_text, shown=shown, concealed=concealed)
    env.globals.update(
        highlight=highlight, fields_of=fields_of, timeline=timeline, version=__version__
    )
    return templates
