"""The analyst's web workspace: triage, search, record, network and overview pages, and a JSON API.

``create_app(db_path)`` builds the FastAPI app over a store; ``serve(db_path, host, port)`` runs
it with uvicorn, bound to 127.0.0.1 unless told otherwise, with proxy headers off unless
``trust_proxy`` names the proxy.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fastapi import FastAPI


def create_app(db_path: str | Path, **options: Any) -> FastAPI:
    """The app; OPTIONS: ``idle_timeout`` (seconds), ``behind_proxy`` (see ``web.app``)."""
    from linkboard.web.app import create_app as build

    return build(db_path, **options)


def serve(db_path: str | Path, host: str = "127.0.0.1", port: int = 8000, **options: Any) -> None:
    """Run the app; OPTIONS: ``trust_proxy`` (addresses), ``idle_timeout`` (seconds)."""
    from linkboard.web.app import serve as run

    run(db_path, host, port, **options)


__all__ = ["create_app", "serve"]
