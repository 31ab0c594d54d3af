"""Plain-text renderings of networks and edges for the terminal (the CLI prints these)."""

from __future__ import annotations

from linkboard.link.reasons import link_reason
from linkboard.link.summary import person_count, person_list
from linkboard.model import Link
from linkboard.network import StoredNetwork
from linkboard.score.risk import risk_label


def _short(values: list[str], limit: int = 3) -> str:
    more = f" +{len(values) - limit}" if len(values) > limit else ""
    return ", ".join(values[:limit]) + more


def network_line(net: StoredNetwork) -> str:
    s = net.summary
    phones = list(s.identifiers.get("phone", ()))
    cities = [m.city for m in s.movement]
    flag = " POSSIBLE MINOR" if net.possible_minor else ""
    risk = f"{risk_label(net.risk):>3}"
    return (
        f"{net.id}  risk {risk}{flag}  {net.size:>4} records  "
        f"persons {person_count(s)} ({_short(person_list(s))})  "
        f"phones {_short(phones, 2)}  cities {_short(cities, 4)}  "
        f"{(net.first_seen or '')[:10]} → {(net.last_seen or '')[:10]}"
    )


def edge_line(link: Link) -> str:
    why = link_reason(link.kind, link.score, link.evidence)
    if link.kind == "text" and link.evidence.get("template"):
        why += f": {str(link.evidence['template'])[:120]}"
    strength = "hard" if link.hard else "soft"
    return f"  {link.a} — {link.b}  [{link.kind}, {strength}] {why}"


def _day(stamp: str | None) -> str:
    return (stamp or "")[:10]


def network_detail(net: StoredNetwork, edges: list[Link], hits_text: str) -> str:
    s = net.summary
    lines = [network_line(net), ""]
    lines.append(f"persons   {person_count(s)}: " + ", ".join(person_list(s)))
    for kind, values in s.identifiers.items():
        lines.append(f"{kind:<9} " + ", ".join(values))
    lines.append("sites     " + ", ".join(s.sites))
    lines.append(
        "movement  "
        + "  →  ".join(
            f"{m.city} ({_day(m.first)}…{_day(m.last)}, {m.records})" for m in s.movement
        )
    )
    lines += ["", "why it scores what it scores:", hits_text, "", f"edges ({len(edges)}):"]
    lines += [edge_line(e) for e in edges]
    return "\n".join(lines)
