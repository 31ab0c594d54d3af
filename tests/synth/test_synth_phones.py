"""Fictional numbers: valid for phonenumbers, each handed out once."""

from __future__ import annotations

import random

import phonenumbers
import pytest

from linkboard.synth.phones import LINES, PhoneBook


def test_lines_cover_the_exchange_fiction_first() -> None:
    assert LINES[:100] == tuple(range(100, 200))
    assert len(LINES) == len(set(LINES)) == 9999
    assert 1212 not in LINES


def test_every_number_is_handed_out_once_and_is_valid() -> None:
    book = PhoneBook([702, 725])
    rng = random.Random(1)
    numbers = [book.allocate([702], rng) for _ in range(10_500)]
    assert len(set(numbers)) == len(numbers)
    assert numbers[0] == "+17025550100"
    assert sum(n.startswith("+1725") for n in numbers) == 10_500 - 9999  # 702 ran out
    for n in numbers[::97]:
        assert phonenumbers.is_valid_number(phonenumbers.parse(n))


def test_exhausted_book_says_so() -> None:
    book = PhoneBook([702])
    rng = random.Random(1)
    for _ in range(len(LINES)):
        book.allocate([702], rng)
    with pytest.raises(RuntimeError):
        book.allocate([702], rng)
