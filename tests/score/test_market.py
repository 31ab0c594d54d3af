"""The market table: hourly prices, medians per city and month, fallback to the city."""

from __future__ import annotations

from linkboard.score.market import (
    PriceObservation,
    hourly_price,
    market_prices,
    price_observations,
)

from .factories import ad, mentions_from


def test_hourly_price_from_data_and_value():
    body = "150hh or 250/hr, 80qv, 300"
    ms = mentions_from(
        body,
        [
            {
                "kind": "price",
                "value": "150 USD/30min",
                "text": "150hh",
                "data": {"amount": 150, "currency": "USD", "minutes": 30},
            },
            {"kind": "price", "value": "250 USD/60min", "text": "250/hr"},
            {"kind": "price", "value": "80 USD/15min", "text": "80qv"},
            {"kind": "price", "value": "300 USD", "text": "300"},
        ],
    )
    assert [hourly_price(m) for m in ms] == [(300.0, "USD"), (250.0, "USD"), (320.0, "USD"), None]


def test_observations_need_city_and_month():
    body = "200/hr Houston"
    specs = [
        {"kind": "price", "value": "200 USD/60min", "text": "200/hr"},
        {"kind": "location", "value": "Houston, TX, US", "text": "Houston"},
    ]
    obs = price_observations(ad(body, posted_at="2024-03-05T10:00:00"), mentions_from(body, specs))
    assert obs == [PriceObservation("Houston, TX, US", "2024-03", "USD", 200.0)]
    assert price_observations(ad(body), mentions_from(body, specs[:1])) == []


def test_market_month_then_city_fallback():
    obs = [PriceObservation("A, TX, US", "2024-03", "USD", p) for p in (100, 200, 300)]
    obs += [PriceObservation("A, TX, US", "2024-04", "USD", 1000)]
    market = market_prices(obs)
    assert market.price("A, TX, US", "2024-03", "USD", 3).median == 200
    fallback = market.price("A, TX, US", "2024-04", "USD", 3)
    assert fallback is not None
    assert fallback.period == "all months"
    assert fallback.n == 4
    assert market.price("A, TX, US", "2024-03", "USD", 5) is None
    assert market.price("B, TX, US", "2024-03", "USD", 1) is None
