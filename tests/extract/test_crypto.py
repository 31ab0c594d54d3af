import pytest

from linkboard.extract.crypto import base58check, bech32, eip55
from linkboard.extract.keccak import keccak256
from tests.extract.mentions import found


def test_keccak_is_not_sha3() -> None:
    assert keccak256(b"").hex().startswith("c5d2460186f7233c927e7db2dcc703c0e500b653")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("BTC 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "btc:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"),
        ("p2sh 3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", "btc:3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy"),
        (
            "BC1QAR0SRRR7XFKVY5L643LYDNW9RE59GTZZWF5MDQ",
            "btc:bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
        ),
        (
            "taproot bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297",
            "btc:bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297",
        ),
        (
            "eth 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
            "eth:0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed",
        ),
    ],
)
def test_addresses(text: str, value: str) -> None:
    assert found(text, "crypto") == {value}


@pytest.mark.parametrize(
    "text",
    [
        "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb",  # base58check fails
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD",  # EIP-55 fails
        "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdx",  # bech32 fails
        "bc1qAR0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",  # mixed case
    ],
)
def test_bad_checksums(text: str) -> None:
    assert found(text, "crypto") == set()


def test_checksum_functions() -> None:
    assert base58check("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa")
    assert bech32("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq")
    assert eip55("5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")
    assert eip55("5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")
