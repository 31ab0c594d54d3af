"""Architecture: how far the back half is behind its seams (issue 18's measuring stick).

Counts, over the modules of ``src/linkboard`` with the ``ast`` module (nothing is imported or run):

- SQL calls outside ``store/``: calls of ``execute``, ``executemany`` or ``executescript``;
- SQL literals outside ``store/``: strings (f-strings as one string, docstrings left out) that
  start a SELECT, INSERT, UPDATE, DELETE, CREATE, WITH, PRAGMA or BEGIN statement (any case, in
  a statement's shape: ``DELETE FROM``, not a bare "delete"), or hold ``MATCH ?``,
  ``json_each(`` or ``rowid``;
- SQLite imports outside ``store/``: ``sqlite3``, ``linkboard.store.sqlite`` or the SQLite store
  class;
- modules over 400 lines, functions (methods and nested functions each on their own) over 40;
- ``.partition(":")`` calls outside ``values/`` (``"kind:value"`` strings parsed by hand);
- ``mypy --strict src/linkboard`` errors (left out with ``--no-mypy``).

``tests/test_architecture.py`` imports the counting functions and holds today's counts as
allowances that may only go down. ``--list`` prints every finding (the refactor's worklist);
``--allowances`` prints the counts in the form that test holds them.

    python benchmarks/architecture.py            # table into docs/benchmarks.md
    python benchmarks/architecture.py --no-mypy --list
"""

from __future__ import annotations

import argparse
import ast
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from report import table, write_section

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "linkboard"
STORE = "store/"
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 40
SQL_CALLS = frozenset({"execute", "executemany", "executescript"})
# A statement's first words (any case), in the shape a statement has, so that an English "create"
# or "update" in a label is not SQL; or SQLite's own words inside a fragment.
SQL_START = re.compile(
    r"""\s*(
        SELECT\s+\S
      | INSERT\s+(OR\s+\w+\s+)?INTO\s
      | UPDATE\s+(OR\s+\w+\s+)?\S+\s+SET\s
      | DELETE\s+FROM\s
      | CREATE\s+(UNIQUE\s+|VIRTUAL\s+|TEMP\s+|TEMPORARY\s+)*(TABLE|INDEX|VIEW|TRIGGER)\s
      | WITH\s+(RECURSIVE\s+)?\w+\s*(\([^)]*\)\s*)?AS\s*(NOT\s+)?(MATERIALIZED\s*)?\(
      | PRAGMA\s+\w
      | BEGIN(\s+(DEFERRED|IMMEDIATE|EXCLUSIVE|TRANSACTION))?\s*;?\s*$
    )""",
    re.I | re.X,
)
SQL_INSIDE = re.compile(r"\sMATCH\s+[?:'\"{]|json_each\s*\(|\browid\b", re.I)
SQLITE_MODULE = "linkboard.store.sqlite"
SQLITE_NAMES = frozenset({"sqlite", "SQLiteStore"})

# What each kind of finding is called, and what to do about one.
KINDS = {
    "sql_call": ("SQL calls outside store/", "move this SQL behind store/ (a store method)"),
    "sql_literal": ("SQL literals outside store/", "move this SQL behind store/ (a store method)"),
    "sqlite_import": (
        "SQLite imports outside store/",
        "depend on the store interface (store/base.py), not on sqlite3 or store/sqlite.py",
    ),
    "long_module": (
        f"modules over {MAX_MODULE_LINES} lines",
        "split this module: past ~400 lines it holds two concepts",
    ),
    "long_function": (
        f"functions over {MAX_FUNCTION_LINES} lines",
        "split this function into named steps",
    ),
    "partition": (
        '`.partition(":")` calls',
        'parse identifiers once (an Identifier type), not with partition(":")',
    ),
}
# The kinds whose counts tests/test_architecture.py holds as allowances that only go down.
RATCHET = ("sql_call", "sql_literal", "sqlite_import", "long_module", "long_function")


@dataclass(frozen=True)
class Finding:
    kind: str  # a key of KINDS
    module: str  # path under src/linkboard, e.g. "web/search.py"
    line: int
    what: str

    def __str__(self) -> str:
        return f"src/linkboard/{self.module}:{self.line}: {self.what}"


def modules(package: Path = PACKAGE) -> list[Path]:
    return sorted(p for p in package.rglob("*.py") if "__pycache__" not in p.parts)


def _docstrings(tree: ast.Module) -> set[int]:
    """The ids of the docstring nodes of the module, its classes and functions."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if (
                body
                and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant)
                and isinstance(body[0].value.value, str)
            ):
                found.add(id(body[0].value))
    return found


def _strings(tree: ast.Module) -> Iterator[tuple[int, str]]:
    """Every string literal but docstrings; an f-string as one string with ``{}`` holes."""
    skip = _docstrings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            for part in node.values:
                skip.add(id(part))
            text = "".join(
                str(p.value) if isinstance(p, ast.Constant) else "{}" for p in node.values
            )
            yield node.lineno, text
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            yield node.lineno, node.value


def looks_like_sql(text: str) -> bool:
    return bool(SQL_START.match(text) or SQL_INSIDE.search(text))


def sql_calls(tree: ast.Module) -> list[tuple[int, str]]:
    return sorted(
        (node.lineno, f"{node.func.attr}(")
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in SQL_CALLS
    )


def sql_literals(tree: ast.Module) -> list[tuple[int, str]]:
    return sorted(
        (line, " ".join(text.split())[:70]) for line, text in _strings(tree) if looks_like_sql(text)
    )


def _absolute(node: ast.ImportFrom, module: str) -> str:
    """The module an ImportFrom names, with a relative import resolved against MODULE."""
    if not node.level:
        return node.module or ""
    package = ["linkboard", *module.removesuffix(".py").split("/")][: -node.level]
    return ".".join([*package, *([node.module] if node.module else [])])


def sqlite_imports(tree: ast.Module, module: str) -> list[tuple[int, str]]:
    """Imports of sqlite3, of linkboard.store.sqlite, and of the SQLite store class."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "sqlite3" or alias.name == SQLITE_MODULE:
                    found.append((node.lineno, f"import {alias.name}"))
        elif isinstance(node, ast.ImportFrom):
            source = _absolute(node, module)
            names = [a.name for a in node.names]
            if (
                source.split(".")[0] == "sqlite3"
                or source == SQLITE_MODULE
                or (source == "linkboard.store" and SQLITE_NAMES & set(names))
            ):
                found.append((node.lineno, f"from {source} import {', '.join(names)}"))
    return sorted(found)


def long_functions(tree: ast.Module, limit: int = MAX_FUNCTION_LINES) -> list[tuple[int, str]]:
    """Functions (methods and nested functions each on their own) longer than LIMIT lines."""
    found: list[tuple[int, str]] = []

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                name = f"{prefix}{child.name}"
                if not isinstance(child, ast.ClassDef):
                    length = (child.end_lineno or child.lineno) - child.lineno + 1
                    if length > limit:
                        found.append((child.lineno, f"{name}: {length} lines"))
                visit(child, f"{name}.")
            else:
                visit(child, prefix)

    visit(tree, "")
    return sorted(found)


#: The value types: where ``kind:value`` is parsed, once.
VALUES = "values/"


def partitions(tree: ast.Module) -> list[tuple[int, str]]:
    return sorted(
        (node.lineno, 'partition(":")')
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "partition"
        and len(node.args) == 1
        and isinstance(node.args[0], ast.Constant)
        and node.args[0].value == ":"
    )


def module_findings(path: Path, package: Path = PACKAGE) -> list[Finding]:
    """Every finding in the module at PATH."""
    module = path.relative_to(package).as_posix()
    text = path.read_text()
    tree = ast.parse(text, filename=str(path))
    found: dict[str, list[tuple[int, str]]] = {
        "long_function": long_functions(tree),
    }
    if not module.startswith(VALUES):
        found["partition"] = partitions(tree)
    lines = len(text.splitlines())
    if lines > MAX_MODULE_LINES:
        found["long_module"] = [(1, f"{lines} lines")]
    if not module.startswith(STORE):
        found["sql_call"] = sql_calls(tree)
        found["sql_literal"] = sql_literals(tree)
        found["sqlite_import"] = sqlite_imports(tree, module)
    return [
        Finding(kind, module, line, what) for kind in KINDS for line, what in found.get(kind, [])
    ]


def findings(package: Path = PACKAGE) -> list[Finding]:
    return [f for path in modules(package) for f in module_findings(path, package)]


def counts(found: list[Finding]) -> dict[str, dict[str, int]]:
    """Per kind, the number of findings in each module that has any."""
    tally = Counter((f.kind, f.module) for f in found)
    return {kind: {m: n for (k, m), n in sorted(tally.items()) if k == kind} for kind in KINDS}


def checkout(rev: str, into: Path) -> Path:
    """The package and its mypy settings as committed at REV, written under INTO."""
    into.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(
        ["git", "archive", rev, "src", "pyproject.toml"], cwd=ROOT, capture_output=True, check=True
    )
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    return into


def mypy_strict(root: Path = ROOT) -> tuple[int, Counter[str]]:
    """``mypy --strict src/linkboard`` in ROOT: the error count, and the errors per module."""
    out = subprocess.run(
        [str(Path(sys.executable).parent / "mypy"), "--strict", "src/linkboard"],
        cwd=root,
        capture_output=True,
        text=True,
    )
    per_module = Counter(
        m.group(1)
        for m in re.finditer(r"^src/linkboard/(\S+?\.py):\d+(?::\d+)?: error:", out.stdout, re.M)
    )
    if total := re.search(r"Found (\d+) errors? in", out.stdout):
        return int(total.group(1)), per_module
    if "Success" in out.stdout:
        return 0, per_module
    raise RuntimeError(f"mypy gave no count:\n{out.stdout[-2000:]}{out.stderr[-2000:]}")


def totals(
    found: list[Finding], mypy: tuple[int, Counter[str]] | None
) -> dict[str, tuple[int, int]]:
    """What -> (count, modules)."""
    out = {KINDS[kind][0]: (sum(per.values()), len(per)) for kind, per in counts(found).items()}
    if mypy is not None:
        out["`mypy --strict` errors"] = (mypy[0], len(mypy[1]))
    return out


def report(
    found: list[Finding],
    mypy: tuple[int, Counter[str]] | None,
    package: Path,
    where: str,
    before: tuple[str, dict[str, tuple[int, int]]] | None = None,
) -> str:
    tally = counts(found)
    now = totals(found, mypy)
    summary: list[list[object]] = [[what, *now[what]] for what in now]
    head = ["what", "count", "modules"]
    if before is not None:
        head = ["what", f"before ({before[0]})", "count now", "modules now"]
        summary = [[what, before[1].get(what, ("–",))[0], *now[what]] for what in now]
    every = sorted({m for per in tally.values() for m in per} | set(mypy[1] if mypy else ()))
    columns = ["sql_call", "sql_literal", "sqlite_import", "long_function", "partition"]
    header = ["module", "SQL calls", "SQL literals", "SQLite imports", "lines", "long functions"]
    header += ['partition(":")'] + (["mypy errors"] if mypy else [])
    rows: list[list[object]] = []
    for module in every:
        lines = next((f.what for f in found if f.kind == "long_module" and f.module == module), "")
        row: list[object] = [f"`{module}`", *(tally[k].get(module, "") for k in columns[:3])]
        row += [lines.removesuffix(" lines"), *(tally[k].get(module, "") for k in columns[3:])]
        rows.append(row + ([mypy[1].get(module, "")] if mypy else []))
    return (
        f"Counted over the {len(modules(package))} modules of `src/linkboard` {where} with `ast` "
        "(docstrings are not SQL literals; `store/` may hold SQL and import SQLite). "
        "`tests/test_architecture.py` holds the counts of SQL calls, SQL literals, SQLite imports, "
        "long modules and long functions per module as allowances that only go down.\n\n"
        + table(head, summary)
        + "\n\nPer module (blank: none; lines shown over 400 only):\n\n"
        + table(header, rows)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-mypy", action="store_true", help="skip mypy --strict (quick)")
    parser.add_argument("--list", action="store_true", help="print every finding (the worklist)")
    parser.add_argument(
        "--allowances", action="store_true", help="print the counts as the ratchet test holds them"
    )
    parser.add_argument("--rev", help="count the package as committed at REV (default: as it is)")
    parser.add_argument("--before", help="beside the counts, those of the package at BEFORE")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="lb-architecture-"))
    try:
        root = checkout(args.rev, work / "now") if args.rev else ROOT
        if args.before:
            old = checkout(args.before, work / "before")
            mypy = None if args.no_mypy else mypy_strict(old)
            args.before_totals = (args.before, totals(findings(old / "src" / "linkboard"), mypy))
        run(args, root)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(args: argparse.Namespace, root: Path) -> None:
    package = root / "src" / "linkboard"
    found = findings(package)
    if args.list:
        for kind, (title, todo) in KINDS.items():
            mine = [f for f in found if f.kind == kind]
            print(f"\n# {title}: {len(mine)} ({todo})")
            for f in mine:
                print(f"  {f}")
    if args.allowances:
        print("\nALLOWANCES = {")
        for kind, per in counts(found).items():
            if kind not in RATCHET:
                continue
            print(f"    {kind!r}: {{")
            for module, n in per.items():
                print(f"        {module!r}: {n},")
            print("    },")
        print("}")
    if args.list or args.allowances:
        return
    mypy = None if args.no_mypy else mypy_strict(root)
    if args.rev:
        commit = subprocess.run(
            ["git", "log", "-1", "--format=%h %cs", args.rev],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        where = f"at commit `{commit[0]}` ({commit[1]})"
    else:
        where = "as the working tree holds it"
    write_section(
        "architecture",
        "Architecture: how far the back half is behind its seams",
        report(found, mypy, package, where, getattr(args, "before_totals", None)),
    )


if __name__ == "__main__":
    main()
