"""FollowTheMoney entities (for Aleph and the FtM tools), one JSON entity per line.

- each record → ``Document`` (``Image`` for an image record) with its text, dates, the
  identifiers it mentions, and its provenance: ``sourceUrl``, ``retrievedAt`` (collection time),
  ``crawler`` (source), ``processingAgent`` (pipeline version), ``contentHash`` (FtM's SHA-1 of
  the raw content) and the record's own sha256 and locator in ``summary``, with its risk (whole
  points out of 100) and, when flagged, "possible minor" (also a keyword);
- each network → ``Person`` (the poster behind it) with its phones and emails, tied to its
  documents by ``Documentation`` edges;
- each social or payment handle → ``UserAccount`` (owned by the network's Person), each crypto
  address → ``CryptoWallet``; both documented by the records that mention them;
- each link between two records → ``UnknownLink`` with its kind, score and evidence.
"""

from __future__ import annotations

import hashlib
import json
from typing import IO

from followthemoney import model
from followthemoney.proxy import EntityProxy

from linkboard import hooks
from linkboard.export.scope import Scope, risk_points, split_identifier
from linkboard.model import Mention
from linkboard.network import StoredNetwork
from linkboard.score.risk import risk_label

PREFIX = "linkboard"


def _entity(schema: str, *key: str) -> EntityProxy:
    proxy = model.make_entity(schema)
    proxy.make_id(PREFIX, *key)
    return proxy


def _edge(schema: str, key: tuple[str, ...], **props: str | None) -> EntityProxy:
    proxy = _entity(schema, *key)
    for name, value in props.items():
        proxy.add(name, value)
    return proxy


def _document(scope: Scope, rid: str) -> EntityProxy:
    rec = next(r for r in scope.records if r.id == rid)
    doc = _entity("Image" if rec.kind == "image" else "Document", "record", rid)
    prov = scope.provenance(rid)
    doc.add("title", rec.title or rid)
    doc.add("bodyText", rec.body)
    doc.add("sourceUrl", rec.url or None)
    doc.add("publisher", rec.site or None)
    doc.add("publishedAt", rec.posted_at)
    doc.add("retrievedAt", prov["ingested_at"])
    doc.add("crawler", prov["source"])
    doc.add("processingAgent", f"linkboard {prov['pipeline_version']}")
    doc.add("contentHash", hashlib.sha1(rec.raw.encode("utf-8", "surrogatepass")).hexdigest())
    minor = scope.minor(rid)
    doc.add(
        "summary",
        f"record {rid}; risk {risk_label(scope.rows[rid].risk)} of 100"
        f"{'; possible minor' if minor else ''}; sha256 {prov['sha256']}; "
        f"locator {prov['locator']}",
    )
    flag = ["possible minor"] if minor else []
    doc.add("keywords", [rec.kind, *flag, *[h.code for h in scope.hits[rid]]])
    for m in scope.mentions[rid]:
        prop = {
            "phone": "phoneMentioned",
            "email": "emailMentioned",
            "location": "locationMentioned",
            "name": "namesMentioned",
        }.get(m.kind)
        if prop:
            doc.add(prop, m.value)
    return doc


def _person(network: StoredNetwork) -> EntityProxy:
    person = _entity("Person", "network", network.id)
    person.add("name", network.name or f"Network {network.id}")
    person.add("alias", list(network.summary.persons.aliases))
    points = risk_points(network.risk)
    if points is not None or network.possible_minor:
        minor = ", possible minor" if network.possible_minor else ""
        risk = f", risk {points} of 100" if points is not None else ""
        person.add("description", f"linkboard network {network.id}{risk}{minor}")
    return person


def entities(scope: Scope) -> list[EntityProxy]:
    """Every entity of the export, nodes first, then edges."""
    docs = {rid: _document(scope, rid) for rid in (r.id for r in scope.records)}
    persons = {n.id: _person(n) for n in scope.networks}
    out: list[EntityProxy] = [*docs.values(), *persons.values()]
    for rid, doc in docs.items():
        person = persons.get(scope.network_of(rid))
        if person is not None:
            out.append(
                _edge(
                    "Documentation",
                    ("posted", person.id or "", rid),
                    entity=person.id,
                    document=doc.id,
                    role="posted",
                )
            )
    for identifier, seen in scope.identifiers().items():
        out += _identifier_entities(scope, identifier, seen, docs, persons)
    for kind in sorted({r.kind for r in scope.records}):
        if (more := hooks.ftm_entities.get(kind)) is not None:
            out += more(scope, docs)
    for lk in scope.links:
        out.append(
            _edge(
                "UnknownLink",
                ("link", lk.a, lk.b, lk.kind),
                subject=docs[lk.a].id,
                object=docs[lk.b].id,
                role=f"{lk.kind} link",
                description=json.dumps(lk.evidence, ensure_ascii=False, sort_keys=True),
                summary=f"{'hard' if lk.hard else 'soft'}, score {lk.score:.2f}",
            )
        )
    return out


def _identifier_entities(
    scope: Scope,
    identifier: str,
    seen: list[tuple[str, Mention]],
    docs: dict[str, EntityProxy],
    persons: dict[str, EntityProxy],
) -> list[EntityProxy]:
    kind, service, name = split_identifier(identifier)
    owners = [
        persons[n] for n in sorted({scope.network_of(rid) for rid, _ in seen}) if n in persons
    ]
    if kind in ("phone", "email"):
        for person in owners:
            person.add(kind, name)
        return []
    if kind == "crypto":
        thing = _entity("CryptoWallet", "identifier", identifier)
        thing.add("publicKey", name)
        thing.add("currency", service.upper() or None)
        thing.add("holder", [p.id for p in owners])
    else:
        thing = _entity("UserAccount", "identifier", identifier)
        thing.add("username", name)
        thing.add("service", service or kind)
        thing.add("owner", [p.id for p in owners])
    thing.add("name", identifier)
    out = [thing]
    for rid in sorted({rid for rid, _ in seen}):
        out.append(
            _edge(
                "Documentation",
                ("mentions", identifier, rid),
                entity=thing.id,
                document=docs[rid].id,
                role="mentioned in",
            )
        )
    return out


def write(scope: Scope, out: IO[str]) -> int:
    """Write the entities as FtM JSON lines; returns how many."""
    count = 0
    for proxy in entities(scope):
        out.write(json.dumps(proxy.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
        count += 1
    return count
