import pytest

from tests.extract.mentions import found


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("mail jade.r@gmail.com", "jade.r@gmail.com"),
        ("Jade.R (at) gmail (dot) com", "jade.r@gmail.com"),
        ("mia22 at yahoo dot com", "mia22@yahoo.com"),
        ("candy_kiss @ hotmail . com", "candy_kiss@hotmail.com"),
        ("l o l a 2 2 @ g m a i l . c o m", "lola22@gmail.com"),
        ("Email ME at KITTY.KAT (at) GMAIL (dot) COM", "kitty.kat@gmail.com"),
        ("escríbeme: kayla.ray (arroba) gmail (punto) com", "kayla.ray@gmail.com"),
        ("Book by email at velvet.rooms@example.net", "velvet.rooms@example.net"),
    ],
)
def test_email_spellings(text: str, value: str) -> None:
    assert found(text, "email") == {value}


@pytest.mark.parametrize(
    "text",
    [
        "follow me on instagram @ruby.models",
        "reviews at example.org/reviews/catherine",
        "meet me at the hotel",
        "IG @scarlett.nyx",
    ],
)
def test_not_emails(text: str) -> None:
    assert found(text, "email") == set()


def test_email_domain_is_not_also_a_url() -> None:
    assert found("mia22 at yahoo dot com", "url") == set()
