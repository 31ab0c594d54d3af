from __future__ import annotations

from linkboard.link import LinkConfig, TextConfig, update
from linkboard.link.text import template
from tests.link.builders import add, network

TEXT_ONLY = LinkConfig(kinds=("text",))
TEMPLATE = (
    "Hi gentlemen, I'm {name}, a playful and curious lady. Perfect for a quiet drink "
    "after a busy day. Staying near the river in {city}. Schedule ahead for weekends. "
    "Call {phone}, {price}."
)
BOILER = "No blocked numbers please. Serious inquiries only. See you soon!"
OPS = [
    ("Lola", "Houston", "713-555-0101", "$200/hr"),
    ("Mia", "Denver", "303-555-0102", "150hh"),
    ("Zoe", "Austin", "512-555-0103", "$180/hr"),
    ("Ivy", "Miami", "305-555-0104", "120hh"),
]


def _ad(store, rid, text, name, city, phone, price):
    body = text.format(name=name, city=city, phone=phone, price=price)
    add(
        store,
        rid,
        body,
        {
            name: ("name", name.lower()),
            city: ("location", f"{city}, XX, US"),
            phone: ("phone", "+1" + phone.replace("-", "")),
            price: ("price", price),
        },
        city=f"{city}, XX, US",
    )


def test_template_ads_with_changed_slots_link(store):
    for i, op in enumerate(OPS):
        text = TEMPLATE.replace("curious", "curious" if i % 2 else "calm")
        _ad(store, f"t{i}", text, *op)
    report = update(store, [f"t{i}" for i in range(4)], TEXT_ONLY)
    assert report.links.get("text", 0) >= 3
    assert len({network(store, f"t{i}") for i in range(4)}) == 1
    link = store.links_of(["t1"])[0]
    assert link.evidence["similarity"] >= 0.55
    assert "<name>" in link.evidence["template"]
    assert "[" in link.evidence["template"]


def test_boilerplate_only_overlap_does_not_link(store):
    ids = []
    names = [
        "Amber",
        "Bella",
        "Chloe",
        "Daisy",
        "Eva",
        "Faith",
        "Gia",
        "Hazel",
        "Iris",
        "Jade",
        "Kiki",
        "Luna",
    ]
    own = [
        "I love long walks downtown and jazz",
        "Fresh flowers every morning make me smile",
        "Painting and yoga keep me calm all week",
        "Weekend hikes are my favorite thing",
        "Ask me about travel stories from abroad",
        "Coffee lover with a big laugh indeed",
        "Music festivals every summer with friends",
        "Books and tea on rainy afternoons",
        "Cooking new recipes is my little hobby",
        "Beach sunsets and quiet conversations",
        "Dancing salsa twice a week keeps me fit",
        "Board games night with friends",
    ]
    cities = [
        "Houston",
        "Denver",
        "Austin",
        "Miami",
        "Tampa",
        "Reno",
        "Boise",
        "Omaha",
        "Tulsa",
        "Fresno",
        "Dallas",
        "Mobile",
    ]
    for i, (name, text, city) in enumerate(zip(names, own, cities, strict=True)):
        phone = f"212-555-01{i:02d}"
        _ad(
            store,
            f"b{i}",
            f"{name} here in {city}. {text}. {BOILER} Call {{phone}} {{price}}",
            name,
            city,
            phone,
            "$100/hr",
        )
        ids.append(f"b{i}")
    # boilerplate spread thresholds scaled down to a 12-ad corpus (defaults: 32 of each)
    small = TextConfig(boiler_min_records=8, boiler_min_names=8, boiler_min_cities=8)
    assert update(store, ids, LinkConfig(text=small, kinds=("text",))).links == {}
    assert all(network(store, rid) is None for rid in ids)
    # the same ads do link when nothing counts as boilerplate: the removal is what held them
    never = TextConfig(boiler_min_records=10**9)
    assert update(store, ids, LinkConfig(text=never, kinds=("text",))).links.get("text")


def test_template_shows_varying_runs():
    a = "hi <name> i am playful and calm".split()
    b = "hey <name> i am playful and curious".split()
    assert template(a, b) == "[hi|hey] <name> i am playful and [calm|curious]"


def test_sentences_split_mask_numbers_and_share_cached_tokens():
    from linkboard.link.text import hashed_sentences, sentences

    text = "Hi I'm <name> 👍 call me at 9pm! room 12b~ok__then <phone>\nbye"
    expected = [["hi", "i'm", "<name>"], ["call", "me", "at", "<num>"], ["room", "<num>"]]
    expected += [["ok", "then", "<phone>"], ["bye"]]
    assert sentences(text) == expected
    cache: dict = {}
    first = hashed_sentences(text, cache)
    again = hashed_sentences(
        text.upper().replace("<NAME>", "<name>").replace("<PHONE>", "<phone>"), cache
    )
    assert [t for t, _ in first] == expected
    assert first == again
    assert first[0][0] is again[0][0]  # one token list per distinct sentence
    assert len({h for _, h in first}) == len(expected)


def test_one_shared_sentence_left_is_not_a_template(store):
    sentence = (
        "Nothing better than a sweet escape from a long week with a discreet and "
        "respectful gentleman who likes good conversation"
    )
    for i, op in enumerate(OPS[:2]):
        _ad(store, f"s{i}", sentence + " like {name} in {city} for {price} at {phone}", *op)
    assert update(store, ["s0", "s1"], TEXT_ONLY).links.get("text", 0) == 0
    one = LinkConfig(kinds=("text",), text=TextConfig(min_sentences=1))
    assert update(store, ["s0", "s1"], one).links.get("text", 0) == 1
    # the link is a lead: two ads naming two persons, with nothing but text, are not one poster
    assert network(store, "s0") is None
    assert network(store, "s1") is None
