"""A live uvicorn server over one store, for the browser suites that build their own store."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.web.test_browser import _free_port


@contextmanager
def serve(db: Path) -> Iterator[str]:
    """Serve the workspace over DB on a free localhost port; yield its base URL."""
    import uvicorn

    from linkboard.web import create_app

    app = create_app(db)
    config = uvicorn.Config(app, host="127.0.0.1", port=_free_port(), log_level="warning",
                            lifespan="off")  # fmt: skip
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{config.port}"
    finally:
        srv.should_exit = True
        thread.join(10)
        app.state.database.close()
