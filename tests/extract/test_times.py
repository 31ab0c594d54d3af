import pytest

from tests.extract.mentions import found


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("available 24/7", {"24/7"}),
        ("until 4am", {"until 04:00"}),
        ("from 10pm", {"from 22:00"}),
        ("10am-6pm", {"10:00-18:00"}),
        ("22:00-04:00 daily", {"22:00-04:00"}),
        ("late night fun", {"late night"}),
        ("till midnight", {"until 00:00"}),
        ("de 12pm a 10pm", {"12:00-22:00"}),
        ("hasta las 4am", {"until 04:00"}),
        ("desde la 1am", {"from 01:00"}),
    ],
)
def test_times(text: str, values: set[str]) -> None:
    assert found(text, "time") == values


@pytest.mark.parametrize(
    "text", ["150-200", "from 10 to 12 people", "call 702-555-0123", "de 2 a 3 fotos"]
)
def test_not_times(text: str) -> None:
    assert found(text, "time") == set()
