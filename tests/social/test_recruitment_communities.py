"""Communities of who writes to whom (igraph's Leiden on modularity): a recruiter and the strangers
it wrote to and a group of friends come out apart, each with its own edges, the same way on
every run."""

from __future__ import annotations

from datetime import datetime, timedelta

from linkboard.social.communities import communities, connection_edges
from linkboard.social.contacts import Msg

START = datetime(2025, 3, 1, 12, 0)


def msgs() -> list[Msg]:
    out: list[Msg] = []

    def write(sender: str, to: tuple[str, ...], n: int = 1) -> None:
        for _ in range(n):
            at = START + timedelta(minutes=len(out))
            out.append(Msg(f"m{len(out) + 1}", "c", sender, to, at, "hi"))

    for i in range(6):  # a recruiter's star
        write("rec", (f"s{i}",), 3)
        write(f"s{i}", ("rec",))
    friends = ("ana", "bo", "cy", "di")
    for a in friends:  # friends who all talk to each other
        for b in friends:
            if a != b:
                write(a, (b,), 2)
    write("s0", ("ana",))  # one thin bridge
    return out


def test_edges_count_the_messages_each_way():
    edges = {(e.source, e.target): e for e in connection_edges(msgs())}
    rec = edges["rec", "s0"]
    assert rec.count == 3
    assert len(rec.messages) == 3
    assert rec.first < rec.last
    assert edges["s0", "rec"].count == 1
    assert ("rec", "rec") not in edges


def test_a_star_and_a_clique_are_two_communities_with_their_edges():
    found = communities(connection_edges(msgs()), seed=1)
    groups = [set(c.members) for c in found]
    assert {"rec", *(f"s{i}" for i in range(6))} in groups
    assert {"ana", "bo", "cy", "di"} in groups
    star = next(c for c in found if "rec" in c.members)
    assert all(e.source in star.members and e.target in star.members for e in star.edges)
    assert star.weight == sum(e.count for e in star.edges) == 24
    assert [c.id for c in found] == list(range(1, len(found) + 1))


def test_the_same_edges_and_seed_give_the_same_communities():
    edges = connection_edges(msgs())
    assert communities(edges, seed=3) == communities(list(reversed(edges)), seed=3)


def test_small_communities_are_left_out_and_no_edges_give_none():
    edges = connection_edges(msgs())
    assert all(len(c.members) >= 5 for c in communities(edges, min_size=5))
    assert communities([]) == []
