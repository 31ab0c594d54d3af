"""Score: fire the indicators of a versioned taxonomy on records and networks, and explain the risk.

taxonomy = load_taxonomy([user_yaml, ...])        # default data/indicators.yaml + overrides
hits = record_hits(record, mentions, taxonomy, market=market)
net_hits = network_hits(network_facts, taxonomy)
network = score_network(network_id, net_hits, [MemberScore(record.id, risk(hits, taxonomy),
                         possible_minor(hits)[1]), ...], taxonomy)
breakdown = network.members[record.id]      # the record lifted by its network
flag, reason = possible_minor(hits)
print(risk_label(breakdown.risk))           # "74": the 0-100 scale every page shows
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
from linkboard.score.risk import (
    MemberScore,
    NetworkScore,
    lift,
    minor_floor,
    possible_minor,
    risk,
    risk_label,
    score_network,
)
from linkboard.score.taxonomy import Indicator, Taxonomy, TaxonomyError, load_taxonomy

__all__ = [
    "FitReport",
    "Indicator",
    "Market",
    "Member",
    "MemberScore",
    "NetworkFacts",
    "NetworkScore",
    "PriceObservation",
    "Taxonomy",
    "TaxonomyError",
    "explain",
    "fit_weights",
    "lift",
    "load_taxonomy",
    "market_prices",
    "member_from_mentions",
    "minor_floor",
    "network_hits",
    "possible_minor",
    "price_observations",
    "record_hits",
    "risk",
    "risk_label",
    "score_network",
    "write_weights",
]
