"""Score: fire the indicators of a versioned taxonomy on records and networks, and explain the risk.

taxonomy = load_taxonomy([user_yaml, ...])        # default data/indicators.yaml + overrides
hits = record_hits(record, mentions, taxonomy, market=market)
net_hits = network_hits(network_facts, taxonomy)
breakdown = lift(risk(hits, taxonomy), risk(net_hits, taxonomy), network_id,
                 strength=taxonomy.network_lift)
flag, reason = possible_minor(hits + net_hits)
print(explain(breakdown))
"""

from linkboard.score.explain import explain
from linkboard.score.fit import FitReport, fit_weights, write_weights
from linkboard.score.market import (
    Market,
    PriceObservation,
    market_prices,
    price_observations,
)
from linkboard.score.network_facts import Member, NetworkFacts, member_from_mentions
from linkboard.score.network_rules import network_hits
from linkboard.score.record import record_hits
from linkboard.score.risk import lift, possible_minor, risk
from linkboard.score.taxonomy import Indicator, Taxonomy, TaxonomyError, load_taxonomy

__all__ = [
    "FitReport",
    "Indicator",
    "Market",
    "Member",
    "NetworkFacts",
    "PriceObservation",
    "Taxonomy",
    "TaxonomyError",
    "explain",
    "fit_weights",
    "lift",
    "load_taxonomy",
    "market_prices",
    "member_from_mentions",
    "network_hits",
    "possible_minor",
    "price_observations",
    "record_hits",
    "risk",
    "write_weights",
]
