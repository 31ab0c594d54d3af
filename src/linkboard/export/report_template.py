"""The HTML of the case report (kept in a module so it ships with the package)."""

TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="robots" content="noindex">
<title>{{ scope.title }} · linkboard report</title>
<style>
body { font: 14px/1.45 system-ui, sans-serif; margin: 0; color: #1d2330; }
main { max-width: 1100px; margin: 0 auto; padding: 1rem 2rem 3rem; }
.banner { background: #7a1f1f; color: #fff; padding: .4rem 2rem; font-weight: 600; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1.5rem; }
th, td { border: 1px solid #ccd; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #eef0f5; }
code, .mono { font-family: ui-monospace, monospace; font-size: 12px; word-break: break-all; }
.muted { color: #667; }
.hit { display: block; }
.img { display: inline-block; margin: .2rem; text-align: center; }
.img img { max-width: 160px; max-height: 160px; filter: blur(18px); }
.img .ph { width: 160px; height: 90px; background: #dde; display: flex; align-items: center;
  justify-content: center; font-size: 11px; }
#reveal:checked ~ main .img img { filter: none; }
svg text { font-size: 11px; fill: #334; }
.minor { background: #7a1f1f; color: #fff; border-radius: 3px; padding: 0 .3rem; font-size: 12px;
  font-weight: 600; white-space: nowrap; }
.risk { font-weight: 600; }
</style>
</head>
<body>
<div class="banner">Sensitive: for authorised investigative use only. Handle under your
organisation's evidence rules.</div>
<input type="checkbox" id="reveal"> <label for="reveal">Reveal images</label>
<main>
<h1>{{ scope.title }}</h1>
<p class="muted">{{ scope.kind }} {{ scope.ref }} · generated {{ generated_at }}
{% if generated_by %}by {{ generated_by }}{% endif %}
· linkboard pipeline {{ pipeline_version }}</p>

<h2 id="summary">Summary</h2>
<table>
<tr><th>Records</th><td>{{ scope.records|length }}</td></tr>
<tr><th>Networks</th><td>{{ scope.networks|length }}</td></tr>
<tr><th>Possible minor</th><td>{{ minor_networks|length }} networks,
{{ minor_records|length }} records</td></tr>
<tr><th>Identifiers</th><td>{{ identifiers|length }}</td></tr>
<tr><th>Links</th><td>{{ scope.links|length }}</td></tr>
<tr><th>First post</th><td>{{ first_seen }}</td></tr>
<tr><th>Last post</th><td>{{ last_seen }}</td></tr>
{% if scope.case %}
<tr><th>Case status</th><td>{{ scope.case.status }}</td></tr>
<tr><th>Tags</th><td>{{ scope.case.tags|join(", ") }}</td></tr>
<tr><th>Description</th><td>{{ scope.case.description }}</td></tr>
{% endif %}
</table>

{% if scope.notes %}
<h2 id="notes">Notes</h2>
<table><tr><th>When</th><th>Who</th><th>About</th><th>Note</th></tr>
{% for n in scope.notes %}<tr><td>{{ n.at }}</td><td>{{ n.author }}</td><td>{{ n.about }}</td>
<td>{{ n.body }}</td></tr>{% endfor %}
</table>
{% endif %}

{% if minor_networks or minor_records %}
<h2 id="possible-minor">Possible minor</h2>
<p>Flagged for priority review: a stated age under 18, or two distinct youth signals.</p>
<table class="possible-minor"><tr><th>Subject</th><th>Risk</th><th>Why</th></tr>
{% for n in minor_networks %}<tr><td>network <span class="mono">{{ n.id }}</span>
{{ n.get("name") or "" }}</td><td class="risk">{{ n.risk_label }}</td>
<td><span class="minor">possible minor</span> {{ n.minor_why }}</td></tr>{% endfor %}
{% for e in minor_records %}<tr><td>record <a class="mono" href="#record-{{ e.record.id }}">
{{ e.record.id }}</a></td><td class="risk">{{ e.risk }}</td>
<td><span class="minor">possible minor</span> {{ e.minor_why }}</td></tr>{% endfor %}
</table>
{% endif %}

<h2 id="networks">Networks</h2>
<p class="muted">Risk in points out of 100, as the workspace shows it; possible minors first.</p>
<table class="networks"><tr><th>Network</th><th>Name</th><th>Size</th><th>Persons</th>
<th>Risk</th><th>First seen</th><th>Last seen</th><th>Indicators</th></tr>
{% for n in networks %}<tr id="network-{{ n.id }}"><td class="mono">{{ n.id }}</td>
<td>{{ n.get("name") or "" }}</td><td>{{ n.get("size", "") }}</td><td>{{ n.persons }}</td>
<td class="risk">{{ n.risk_label }}{% if n.possible_minor %}
<span class="minor">possible minor</span>{% endif %}</td>
<td>{{ n.get("first_seen") or "" }}</td><td>{{ n.get("last_seen") or "" }}</td>
<td>{% for h in n.hits %}<span class="hit"><b>{{ h.code }}</b> {{ h.evidence }}</span>{% endfor %}
</td></tr>{% else %}<tr><td colspan="8" class="muted">No networks.</td></tr>{% endfor %}
</table>

<h2 id="movement">Movement</h2>
{% if chart.rows %}
<svg xmlns="http://www.w3.org/2000/svg" width="{{ chart.width }}" height="{{ chart.height }}"
 role="img" aria-label="Posts by city over time">
{% for r in chart.rows %}<text x="4" y="{{ r.y + 4 }}">{{ r.city }}</text>
<line x1="150" x2="{{ chart.width - 20 }}" y1="{{ r.y }}" y2="{{ r.y }}" stroke="#dde"/>
{% endfor %}
{% for d in chart.dots %}<circle cx="{{ d.x }}" cy="{{ d.y }}" r="5" fill="#7a1f1f">
<title>{{ d.title }}</title></circle>{% endfor %}
{% for t in chart.ticks %}<text x="{{ t.x }}" y="{{ chart.height - 4 }}"
 text-anchor="middle">{{ t.label }}</text>{% endfor %}
</svg>
{% endif %}
<table><tr><th>Network</th><th>City</th><th>First post</th><th>Last post</th><th>Posts</th></tr>
{% for m in movement %}<tr><td class="mono">{{ m.network }}</td><td>{{ m.city }}</td>
<td>{{ m.first }}</td><td>{{ m.last }}</td><td>{{ m.posts }}</td></tr>
{% else %}<tr><td colspan="5" class="muted">No dated, located posts.</td></tr>{% endfor %}
</table>

{% if scope.timeline %}
<h2 id="timeline">Timeline</h2>
<table><tr><th>When</th><th>What</th><th>Who</th><th>Detail</th></tr>
{% for e in scope.timeline %}<tr><td>{{ e.at }}</td><td>{{ e.summary }}</td><td>{{ e.actor }}</td>
<td class="mono">{{ e.ref }}</td></tr>{% endfor %}
</table>
{% endif %}

<h2 id="identifiers">Identifiers</h2>
<table><tr><th>Identifier</th><th>Status</th><th>Records</th></tr>
{% for i in identifiers %}<tr><td class="mono">{{ i.identifier }}</td><td>{{ i.status }}</td>
<td class="mono">{{ i.records|join(", ") }}</td></tr>{% endfor %}
</table>

<h2 id="links">Links</h2>
<table><tr><th>Record</th><th>Record</th><th>Kind</th><th>Hard</th><th>Score</th>
<th>Evidence</th></tr>
{% for lk in scope.links %}<tr><td class="mono">{{ lk.a }}</td><td class="mono">{{ lk.b }}</td>
<td>{{ lk.kind }}</td><td>{{ "yes" if lk.hard else "no" }}</td>
<td>{{ "%.2f"|format(lk.score) }}</td>
<td class="mono">{{ lk.evidence|tojson }}</td></tr>{% endfor %}
</table>

<h2 id="evidence">Evidence</h2>
<table class="evidence"><tr><th>Record</th><th>Content</th><th>Indicators and identifiers</th>
<th>Images</th><th>Provenance</th></tr>
{% for e in evidence %}<tr id="record-{{ e.record.id }}">
<td class="mono">{{ e.record.id }}<br>risk <span class="risk">{{ e.risk }}</span>
{% if e.minor %}<span class="minor">possible minor</span>{% endif %}<br>
<span class="muted">{{ e.record.kind }} ·
{{ e.record.posted_at or "" }}<br>{{ e.record.site }} {{ e.record.location }}</span></td>
<td><b>{{ e.record.title }}</b><br>{{ e.record.body }}</td>
<td>{% for h in e.hits %}<span class="hit"><b>{{ h.code }}</b> “{{ h.evidence }}”</span>
{% endfor %}{% for m in e.mentions %}<span class="hit">{{ m.kind }}: <code>{{ m.value }}</code>
<span class="muted">({{ m.field }} {{ m.start }}–{{ m.end }})</span></span>{% endfor %}</td>
<td>{% for i in e.images %}<span class="img">{% if i.src %}<img src="{{ i.src }}" alt="image
{{ loop.index }} of {{ e.record.id }}">{% else %}<span class="ph">not included</span>{% endif %}
{% if i.fact %}<br><code>sha256 {{ i.fact.sha256[:16] }}…</code><br><code>pdq
{{ i.fact.pdq[:16] }}…</code>{% endif %}</span>{% endfor %}</td>
<td class="mono">source {{ e.provenance.source }}<br>locator {{ e.provenance.locator }}<br>
url {{ e.provenance.url }}<br>collected {{ e.provenance.ingested_at }}<br>
sha256 {{ e.provenance.sha256 }}<br>pipeline {{ e.provenance.pipeline_version }}</td>
</tr>{% endfor %}
</table>
</main>
</body>
</html>
"""
