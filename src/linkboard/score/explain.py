"""A breakdown rendered for the terminal: the risk, then each reason with its weight and quote."""

from __future__ import annotations

import textwrap

from linkboard.model import Breakdown
from linkboard.score.risk import logit, risk_label

WIDTH = 100


def explain(breakdown: Breakdown, *, width: int = WIDTH) -> str:
    """``risk 87 of 100 (log-odds +1.90 = bias -3.00 + 4.90 from 4 indicators)`` (the scale the
    pages show) then one block per
    contribution: signed contribution, code, name, and each piece of evidence quoted."""
    total = sum(c.contribution for c in breakdown.contributions)
    count = len(breakdown.contributions)
    lines = [
        f"risk {risk_label(breakdown.risk)} of 100  (log-odds {logit(breakdown.risk):+.2f} = bias "
        f"{breakdown.bias:+.2f} + {total:.2f} from {count} indicator{'' if count == 1 else 's'})"
    ]
    if not breakdown.contributions:
        lines.append("  no indicator fired")
    for c in breakdown.contributions:
        head = f"  {c.contribution:+5.2f}  {c.code:<28} {c.name}"
        lines.append(head.rstrip())
        spans = c.spans or ()
        for i, ev in enumerate(c.evidence):
            where = ""
            if i < len(spans) and spans[i].start >= 0:
                s = spans[i]
                where = f"  [{s.field} {s.start}:{s.end}]"
            lines += textwrap.wrap(
                f"{ev}{where}", width, initial_indent=" " * 9 + "- ", subsequent_indent=" " * 11
            )
    return "\n".join(lines)
