"""Generate docs/indicators.md from the taxonomy: ``python -m linkboard.score.docs [--check]``.

tests/score/test_docs.py fails when the file is stale, so a taxonomy change carries its docs.
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path
from typing import Any

from linkboard.score.taxonomy import Indicator, Taxonomy, load_taxonomy

DOC = Path(__file__).resolve().parents[3] / "docs" / "indicators.md"

FORMULA = """\
## How the score works

For a record (or a network) with the set of indicators `F` that fired:

```
logit = bias + sum over i in F of weight_i
risk  = 1 / (1 + exp(-logit))
```

- **Each indicator counts once**, however many times it fires: "new in town" twice is the same
  fact. The breakdown still lists every piece of evidence.
- **Weights are log-odds and non-negative.** An indicator with weight `w` multiplies the odds
  by `e^w` (the "odds x" column). Because no weight is negative, adding a hit never lowers the
  risk, and the score is bounded in (0, 1).
- **The breakdown decomposes**: `bias + sum(contribution) = logit(risk)`; each contribution lists
  the code, name, weight, contribution to the log-odds and the evidence (quoted text with its
  span, or for a network a sentence naming phones, cities and dates).
- **A network lifts its records** by a noisy-OR: `r' = 1 - (1 - r)(1 - lambda * n)`, with `r`
  the record's risk, `n` its network's risk and `lambda` = `network_lift`. The lift appears in
  the record's breakdown as a `NETWORK` contribution of `logit(r') - logit(r)`, naming the network.
  A record alone in a low-risk network keeps about its own risk; a record with no indicator of
  its own in a network of risk 0.9 is lifted to about 0.48 (lambda 0.5). A record is lifted by
  its network's risk without its own evidence, so its own score is not counted twice.
- **A score is never lower than its strongest reason implies.** A network scores at least what
  its riskiest member scores on its own (a `STRONGEST_MEMBER` contribution naming the record),
  and a record or network flagged possible minor scores at least what a stated age under 18
  alone gives, `logistic(bias + weight(AGE_UNDER_18))` (a `POSSIBLE_MINOR` contribution). Each
  raise is a contribution of its own, so the breakdown still adds up.
- **One scale on every surface.** Pages, the CLI and every export show a risk as whole points
  out of 100 (`risk_label`: 0.73 is "73"); JSON Lines also keeps the 0..1 value.

### Why these default weights

The defaults are expert priors, not fitted values: no public labelled corpus fits them all. They
follow three principles, and analysts re-fit them on their own labels with `fit_weights`:

1. **Specificity over frequency.** Signals that are common in lawful adult ads ("new in town",
   "outcall only", "cash only") weigh 0.4-0.8 (odds x1.5-2.2): on their own they leave a record
   near the baseline. Signals that research and training material tie to third-party control
   (someone else takes the calls, several persons behind one phone, clients restricted by race,
   limited English) weigh 1.0-1.5 (odds x2.7-4.5).
2. **Structure over words.** Network facts (one phone, many persons; several cities in days) are
   harder to write by accident than a phrase, so they weigh as much as the strongest text signals.
3. **Youth first.** A stated age under 18 weighs 4.0 (odds x55): with the bias of -3.0 it alone
   gives a risk of 0.73. It also raises the possible-minor flag, which does not depend on the
   score, and which holds any flagged record or network at 0.73 or above.

The bias (-3.0, risk 0.047 with no indicator) sets where an ad with no signal sits; it is the
least portable number, and `fit_weights` re-fits it.

### Possible minor

`possible_minor(hits)` puts a record or network in its own priority queue, shown and sorted
first everywhere (triage, network lists, the CLI, the API, every export), when either

- an age under 18 is stated (`AGE_UNDER_18`, or `NET_AGE_CHANGES` whose lowest age is under 18), or
- **two distinct youth signals** are present: `YOUTH_NEW_TO_THIS` counts once, each different
  coded term of `YOUTH_CODED_TERM` counts once (so "new to this" with a documented youth emoji
  is enough; one coded term alone is not).

A network is flagged when its own facts flag it or when any of its records is flagged.

### Fitting weights

`fit_weights(samples, taxonomy)` fits the same model by L2-regularised logistic regression on an
analyst's labels (sets of codes that fired, and a yes/no). The penalty pulls each weight toward
its current value, weights stay >= 0 and the bias is free. The report gives old and new weight per
code, AUC on the labels before and after, the Spearman correlation of the old and new scores and
the overlap of their top k; `write_weights` writes a YAML to merge with `load_taxonomy([path])`.
"""


def render(taxonomy: Taxonomy) -> str:
    """The whole of docs/indicators.md for ``taxonomy``."""
    inds = taxonomy.indicators
    parts = [
        "# Indicators\n",
        "<!-- Generated by `python -m linkboard.score.docs` from "
        "src/linkboard/data/indicators.yaml. Do not edit by hand. -->\n",
        f"Taxonomy version **{taxonomy.version}**: {len(inds)} indicators "
        f"({sum(i.level == 'record' for i in inds)} record, "
        f"{sum(i.level == 'network' for i in inds)} network). Bias {taxonomy.bias:+g} "
        f"(risk {1 / (1 + math.exp(-taxonomy.bias)):.3f} with no indicator), network lift "
        f"lambda = {taxonomy.network_lift:g}.\n",
        FORMULA,
        "## All indicators\n",
        _summary(inds),
    ]
    for level in ("record", "network"):
        parts.append(f"## {level.capitalize()} indicators\n")
        parts += [_section(i) for i in inds if i.level == level]
    return "\n".join(parts).rstrip() + "\n"


def _summary(inds: tuple[Indicator, ...]) -> str:
    rows = ["| code | name | level | category | weight | odds x |", "|---|---|---|---|---|---|"]
    for i in inds:
        rows.append(
            f"| [`{i.code}`](#{i.code.lower()}) | {i.name} | {i.level} | {i.category} | "
            f"{i.weight:g} | {math.exp(i.weight):.1f} |"
        )
    return "\n".join(rows) + "\n"


def _section(i: Indicator) -> str:
    lines = [
        f"### {i.code}\n",
        f"**{i.name}** - {i.level} level, category `{i.category}`, weight {i.weight:g} "
        f"(odds x{math.exp(i.weight):.1f}){'' if i.enabled else ', disabled'}.\n",
        f"{i.meaning}\n",
        "Fires on:\n",
        *_firing(i),
        "",
        f"Reference: {i.reference}\n",
    ]
    examples = _examples(i)
    if examples:
        lines.append(examples)
    return "\n".join(lines)


def _firing(i: Indicator) -> list[str]:
    out = []
    plain = [t.phrase for t in i.phrases if not t.key]
    if plain:
        out.append("- phrases: " + ", ".join(f"`{p}`" for p in plain))
    coded: dict[str, list[str]] = {}
    meanings: dict[str, str] = {}
    for t in i.phrases:
        if t.key:
            coded.setdefault(t.key, []).append(t.phrase)
            meanings[t.key] = t.meaning
    if coded:
        out.append(f"- coded terms (`data/{i.terms_file}`):")
        out += [
            f"  - {' / '.join(f'`{s}`' for s in spellings)}: {meanings[key]}"
            for key, spellings in coded.items()
        ]
    out += [f"- pattern: `{p}`" for p in i.patterns]
    if i.rule:
        params = ", ".join(f"{k}={v}" for k, v in i.params.items())
        out.append(f"- rule `{i.rule}`" + (f" ({params})" if params else ""))
    out += [f"- not (near miss): `{p}`" for p in i.not_patterns]
    return out


def _examples(i: Indicator) -> str:
    def text(e: Any) -> str:
        return f"`{e['text'] if isinstance(e, dict) else e}`"

    fires, near = i.examples.get("fires", ()), i.examples.get("near_miss", ())
    if not fires and not near:
        return ""
    return (
        f"Examples - fires: {', '.join(text(e) for e in fires)}; "
        f"does not fire: {', '.join(text(e) for e in near)}.\n"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m linkboard.score.docs", description=__doc__)
    ap.add_argument(
        "--output", type=Path, default=DOC, help="where to write (default: %(default)s)"
    )
    ap.add_argument("--check", action="store_true", help="exit 1 if the file is stale")
    args = ap.parse_args(argv)
    text = render(load_taxonomy())
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(f"{args.output} is stale: run python -m linkboard.score.docs", file=sys.stderr)
            return 1
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
