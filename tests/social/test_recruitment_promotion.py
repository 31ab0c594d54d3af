"""Lockstep promotion: accounts posting one escort handle within minutes of each other, again and
again, are found with the post pairs behind them; a crowd posting once, one account reposting
alone, posts hours apart and identifiers outside ``only`` are not."""

from __future__ import annotations

from datetime import datetime, timedelta

from linkboard.social.promotion import Post, identifiers_of, lockstep

START = datetime(2025, 3, 1, 18, 0)
HANDLE = "handle:telegram:lola_tour55"
PHONE = "phone:+17025550142"


class Feed:
    def __init__(self) -> None:
        self.posts: list[Post] = []

    def post(self, author: str, day: int, minute: float, *idents: str) -> Post:
        p = Post(
            f"p{len(self.posts) + 1}",
            author,
            START + timedelta(days=day, minutes=minute),
            frozenset(idents),
        )
        self.posts.append(p)
        return p


def team(feed: Feed, authors: tuple[str, ...], rounds: int, ident: str = HANDLE) -> None:
    for day in range(rounds):
        for i, a in enumerate(authors):
            feed.post(a, day * 2, i * 3, ident)


def test_accounts_posting_in_lockstep_are_found_with_their_post_pairs():
    feed = Feed()
    team(feed, ("a", "b", "c"), rounds=4)
    (found,) = lockstep(feed.posts, window_minutes=10, min_repeats=3)
    assert found.accounts == ("a", "b", "c")
    assert found.identifiers == (HANDLE,)
    assert found.repeats == {"a|b": 4, "a|c": 4, "b|c": 4}
    assert all(e.gap_seconds <= 600 and e.identifier == HANDLE for e in found.edges)
    first = feed.posts[0]
    assert any(e.first == first.id and e.gap_seconds == 180 for e in found.edges)
    assert "3 accounts posted handle:telegram:lola_tour55" in found.reason
    assert "4 times" in found.reason


def test_two_teams_are_two_findings_largest_first():
    feed = Feed()
    team(feed, ("a", "b"), rounds=3)
    team(feed, ("x", "y", "z"), rounds=3, ident=PHONE)
    found = lockstep(feed.posts, 10, 3)
    assert [f.accounts for f in found] == [("x", "y", "z"), ("a", "b")]
    assert found[0].identifiers == (PHONE,)


def test_a_crowd_posting_once_is_not_lockstep():
    feed = Feed()
    for i in range(15):
        feed.post(f"fan{i}", 0, i, "handle:instagram:cityfoodfest")
    assert lockstep(feed.posts, 10, 3) == []


def test_too_few_occasions_or_posts_too_far_apart_are_not_lockstep():
    feed = Feed()
    team(feed, ("a", "b"), rounds=2)
    for day in range(5):
        feed.post("c", day * 3, 0, PHONE)
        feed.post("d", day * 3, 45, PHONE)
    assert lockstep(feed.posts, 10, 3) == []


def test_one_account_reposting_alone_is_not_lockstep():
    feed = Feed()
    for day in range(6):
        for minute in (0, 2, 4):
            feed.post("solo", day, minute, HANDLE)
    assert lockstep(feed.posts, 10, 3) == []


def test_one_burst_of_reposts_is_one_occasion():
    feed = Feed()
    for minute in range(6):
        feed.post("a", 0, minute, HANDLE)
        feed.post("b", 0, minute + 0.5, HANDLE)
    assert lockstep(feed.posts, 10, 3) == []


def test_only_the_identifiers_given_count():
    feed = Feed()
    team(feed, ("shop1", "shop2"), rounds=5, ident="handle:instagram:bluefern_bakery")
    team(feed, ("a", "b"), rounds=3)
    assert len(lockstep(feed.posts, 10, 3)) == 2
    (found,) = lockstep(feed.posts, 10, 3, only={HANDLE, PHONE})
    assert found.accounts == ("a", "b")


def test_the_same_posts_in_any_order_give_the_same_findings():
    feed = Feed()
    team(feed, ("a", "b", "c"), rounds=3)
    assert lockstep(feed.posts, 10, 3) == lockstep(list(reversed(feed.posts)), 10, 3)


def test_identifiers_of_a_post_come_from_its_text_and_its_tags():
    row = {
        "id": "post-1",
        "kind": "post",
        "platform": "instagram",
        "text": "back this week ✨ tg @lola_tour55 or 702-555-0142",
        "mentions": ["@Bluefern_Bakery"],
    }
    assert identifiers_of(row) == {HANDLE, PHONE, "handle:instagram:bluefern_bakery"}
    assert identifiers_of({"text": "sunset tonight", "platform": "x"}) == frozenset()
