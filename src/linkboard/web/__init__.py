"""The analyst's web workspace: triage, search, record, network and overview pages, and a JSON API.

``create_app(db_path)`` builds the FastAPI app over a store; ``serve(db_path, host, port)`` runs
it with uvicorn, bound to 127.0.0.1 unless told otherwise.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi import FastAPI


def create_app(db_path: str | Path) -> FastAPI:
    from linkboard.web.app import create_app as build

    return build(db_path)


def serve(db_path: str | Path, host: str = "127.0.0.1", port: int = 8000) -> None:
    from linkboard.web.app import serve as run

    run(db_path, host, port)


__all__ = ["create_app", "serve"]
