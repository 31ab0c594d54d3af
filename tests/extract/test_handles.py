import pytest

from tests.extract.mentions import found


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("IG: @Lola_22", "instagram:lola_22"),
        ("sc- bella.x", "snapchat:bella.x"),
        ("@kitty on snap", "snapchat:kitty"),
        ("instagram.com/lola_22", "instagram:lola_22"),
        ("twitter/x: @gigi_luxe", "twitter:gigi_luxe"),
        ("message me on telegram (@Amber_x)", "telegram:amber_x"),
        ("t.me/scarlett_nyx", "telegram:scarlett_nyx"),
        ("kik: bella22", "kik:bella22"),
        ("tiktok.com/@bella", "tiktok:bella"),
        ("OF: bella22", "onlyfans:bella22"),
        ("fb messenger: ruby.jean.9", "facebook:ruby.jean.9"),
        ("whatsapp +44 7700 900123", "whatsapp:+447700900123"),
    ],
)
def test_handles(text: str, value: str) -> None:
    assert value in found(text, "handle")


def test_profile_url_is_also_a_url() -> None:
    assert found("instagram.com/lola_22", "url") == {"http://instagram.com/lola_22"}


def test_whatsapp_number_is_also_a_phone() -> None:
    assert found("WhatsApp 702 555 0123", "phone") == {"+17025550123"}


@pytest.mark.parametrize(
    "text", ["snap me anytime", "the best of the best", "OF - onlyfans.com/sienna_v", "discreet"]
)
def test_not_label_words(text: str) -> None:
    values = found(text, "handle")
    assert not values or values == {"onlyfans:sienna_v"}


def test_a_word_after_at_handle_on_snap_is_not_a_second_handle():
    from linkboard.extract import extract_text

    found = [
        m.value
        for m in extract_text("Text 702-555-0123 @lola_x on snap deposit via app")
        if m.kind == "handle"
    ]
    assert found == ["snapchat:lola_x"]
    assert [m.value for m in extract_text("add me on snap bella22") if m.kind == "handle"] == [
        "snapchat:bella22"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "check my facebook page for pics",
        "add my snapchat for more",
        "find me on instagram too",
        "follow me on twitter for updates",
        "kik me anytime",
        "snapchat story",
        "IG account",
        "my ig page",
        "instagram profile",
        "telegram channel",
        "tiktok video",
        "ig is private",
        "on snap daily",
        "snap chat",
    ],
)
def test_a_word_after_a_platform_is_not_a_handle(text: str) -> None:
    assert found(text, "handle") == set()


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("snap: lola_b23", "snapchat:lola_b23"),
        ("IG @lola.b", "instagram:lola.b"),
        ("kik - lolab", "kik:lolab"),
        ("fb page: lola.b.page", "facebook:lola.b.page"),
        ("facebook page - lolabpage", "facebook:lolabpage"),
        ("snapchat username lola_b23", "snapchat:lola_b23"),
        ("on insta as lola.b", "instagram:lola.b"),
    ],
)
def test_real_handles_after_an_account_word(text: str, value: str) -> None:
    assert found(text, "handle") == {value}


# Misses found on real ads (benchmarks/real_ads.py), in made-up texts.


@pytest.mark.parametrize(
    "text",
    [
        "Visit TWITTER Snapchat : lola_b23",  # a platform's name after another's is no handle
        "follow me on Instagram Snapchat Twitter",
    ],
)
def test_a_platform_name_is_not_a_handle_of_another(text: str) -> None:
    assert not any(
        v.split(":")[1] in {"snapchat", "twitter", "instagram"} for v in found(text, "handle")
    )


def test_the_handle_after_the_platform_names_still_reads() -> None:
    assert "snapchat:lola_b23" in found("Visit TWITTER Snapchat : lola_b23", "handle")
