"""Fetch the pinned front-end libraries from npm and copy what the pages load into static/vendor/.

    python -m linkboard.web.vendor [--no-install]

Runs ``npm ci`` (``npm install`` when there is no lock file yet) in the repository root, then
copies the dist files below into ``src/linkboard/web/static/vendor/`` (git-ignored). Pages load
only these copies: no CDN, so the workspace runs air-gapped.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
VENDOR = Path(__file__).resolve().parent / "static" / "vendor"

#: node_modules path -> name under static/vendor/
FILES = {
    "htmx.org/dist/htmx.min.js": "htmx.min.js",
    "cytoscape/dist/cytoscape.min.js": "cytoscape.min.js",
    "leaflet/dist/leaflet.js": "leaflet.js",
    "leaflet/dist/leaflet.css": "leaflet.css",
    "leaflet/dist/images": "images",
    "topojson-client/dist/topojson-client.min.js": "topojson-client.min.js",
    "us-atlas/states-10m.json": "us-states-10m.json",
    "world-atlas/countries-110m.json": "countries-110m.json",
}
LICENSES = ("htmx.org", "cytoscape", "leaflet", "topojson-client", "us-atlas", "world-atlas")


class VendorError(RuntimeError):
    """npm is missing or failed, or a file the pages need is not in node_modules."""


def install(root: Path = ROOT) -> None:
    npm = shutil.which("npm")
    if npm is None:
        raise VendorError("npm not found: install Node.js (Debian: apt-get install nodejs npm)")
    command = [npm, "ci" if (root / "package-lock.json").exists() else "install",
               "--no-audit", "--no-fund"]  # fmt: skip
    done = subprocess.run(command, cwd=root, check=False)
    if done.returncode != 0:
        raise VendorError(f"{' '.join(command)} failed with exit code {done.returncode}")


def copy(root: Path = ROOT, vendor: Path = VENDOR) -> list[Path]:
    modules = root / "node_modules"
    missing = [src for src in FILES if not (modules / src).exists()]
    if missing:
        raise VendorError(f"not in {modules}: {', '.join(missing)} (run npm ci first)")
    vendor.mkdir(parents=True, exist_ok=True)
    written = []
    for src, name in FILES.items():
        source, target = modules / src, vendor / name
        if source.is_dir():
            shutil.copytree(source, target, dirs_exist_ok=True)
        else:
            shutil.copyfile(source, target)
        written.append(target)
    for package in LICENSES:
        for candidate in ("LICENSE", "LICENSE.md", "LICENSE.txt"):
            if (modules / package / candidate).exists():
                shutil.copyfile(modules / package / candidate, vendor / f"LICENSE-{package}")
                break
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m linkboard.web.vendor", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--no-install", action="store_true", help="copy from node_modules as it is")
    args = parser.parse_args(argv)
    try:
        if not args.no_install:
            install()
        written = copy()
    except VendorError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"vendored {len(written)} files into {VENDOR}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
