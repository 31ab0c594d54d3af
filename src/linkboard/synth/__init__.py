"""Synthetic ad corpora with ground truth, to test and benchmark extraction, linking and scoring.

``generate(out_dir, ads, seed=7, images=True, start=date(2024, 1, 1), days=120, exif=False)``
writes, in ``out_dir`` (same arguments → byte-identical files):

``ads.jsonl``
    One ad per line, in posting order (UTC), in linkboard's input format: ``id`` (``ad-000001``),
    ``url``, ``site``, ``posted_at`` (ISO-8601, the city's offset), ``title``, ``body`` (ends
    with the site's boilerplate footer), ``location``, ``images`` (paths relative to the file's
    folder; ``[]`` when ``images=False``).
``images/``
    Abstract generated pictures (see :mod:`linkboard.synth.images`), opaque file names, at most
    4 files per photo of an operation's person and 2 per photo of an independent poster.
``truth_ads.jsonl``
    One line per ad, same order as ``ads.jsonl``: ``id``, ``poster`` (``op-0001`` or
    ``ind-000001``: the true network), ``is_operation``, ``persons`` (lower-cased aliases shown),
    ``person_ids``, ``phones`` / ``emails`` / ``handles`` / ``payments`` (the poster's own
    identifiers written in the ad, normalised as in docs/mentions.md; generic ones excluded),
    ``ages`` (stated, ints), ``prices`` (``150 USD/30min``), ``city`` (``Houston, TX, US``),
    ``possible_minor`` (a youth phrase is in this ad), ``indicators`` (families planted in this
    ad), ``generic`` (generic identifiers written in it, as ``kind:value``), ``written``
    (``[kind, value, exact text]`` for every identifier written, generic ones included) and
    ``photos`` (the photo id of each image, parallel to the ad's ``images``).
``truth_cameras.json`` (``exif=True`` only)
    Which photos carry camera metadata (see :mod:`linkboard.synth.cameras`): ``files`` (file →
    ``device``, ``poster``, ``lat``/``lon`` or null, ``taken_at``) and ``devices`` (device value
    → make, model, serial, ``generic``, ``posters``, ``files``). Without it every photo is
    stripped.
``truth.json``
    ``generic`` (identifiers shared by unrelated posters, with reason, ads and posters counts:
    never linking evidence), ``operations`` (persons with stated ages and youth flag, phones
    with first/last use and persons, cities in order with dates, identifiers, indicator counts),
    ``images`` (file → photo, person, variant number and kind), ``sites``, ``posters`` counts.

Indicator families: ``new_in_town around_the_clock third_party hotel cash_only limited_english
low_price multiple_persons youth`` (operations; youth is only ever "new to this" / "age 17")
and ``late_hours incall_only`` (the noise of independent posters).

Phones are fictional: ``+1 <real area code> 555 <line>``, lines 0100–0199 first, then the rest
of the 555 exchange (see :mod:`linkboard.synth.phones`); emails are at example.com/.org and
``.example`` domains. All text is neutral and non-explicit. About 30 % of ads come from
operations, 70 % from independent posters.
"""

from linkboard.synth.generate import SynthSummary, generate

__all__ = ["SynthSummary", "generate"]
