"""The desk's HTML: Jinja2 templates kept inline (no build step, nothing to package), autoescaped."""

from __future__ import annotations

from typing import Any

from jinja2 import DictLoader, Environment, select_autoescape
from markupsafe import Markup

_CSS = """
body{font:15px/1.45 "Segoe UI",Roboto,"Liberation Sans","DejaVu Sans",Arial,sans-serif;margin:0;color:#1d2330;background:#f4f5f7}
header{background:#0b4f8a;color:#fff;padding:.55rem 1.2rem;display:flex;gap:1rem;align-items:center}
header a{color:#fff;text-decoration:none;font-weight:600}
header .who{margin-left:auto;font-size:.9rem}
header form{display:inline;margin:0}
header button{background:transparent;color:#fff;border:1px solid #fff8;border-radius:4px;padding:.15rem .6rem;cursor:pointer}
main{max-width:1240px;margin:0 auto;padding:1rem 1.2rem}
h1{font-size:1.3rem;margin:.2rem 0 .8rem}
h2{font-size:1.05rem;margin:1rem 0 .5rem}
table{border-collapse:collapse;background:#fff;width:100%}
th,td{text-align:left;padding:.35rem .6rem;border-bottom:1px solid #e1e4ea;vertical-align:top}
th{background:#eef1f5;font-weight:600}
.flash{background:#e3f5e6;border:1px solid #7cc08a;padding:.5rem .8rem;border-radius:4px;margin-bottom:1rem}
.error{background:#fde8e8;border:1px solid #e08a8a;padding:.5rem .8rem;border-radius:4px;margin-bottom:1rem}
.late{color:#b3261e;font-weight:600}
.grid{display:grid;grid-template-columns:minmax(280px,1fr) minmax(320px,1.15fr);gap:1rem}
.card{background:#fff;border:1px solid #dde1e8;border-radius:6px;padding:.7rem .9rem;margin-bottom:1rem}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:.15rem .9rem;margin:0}
.facts dt{color:#5a6475}
.facts dd{margin:0}
.tag{display:inline-block;font-size:.78rem;padding:0 .4rem;border-radius:3px;background:#fff3cd;border:1px solid #e6c65c}
.tag.fail{background:#fde8e8;border-color:#e08a8a}
.msg{margin:.3rem 0}
.lang{color:#5a6475;font-size:.8rem;margin-right:.3rem}
.read{font-family:"DejaVu Sans Mono",monospace;background:#f6f7f9;padding:.25rem .4rem;border-radius:3px;white-space:pre-wrap}
.page img{display:block;max-width:100%;max-height:520px;margin:0 auto;border:1px solid #c9ced8;background:#fff}
.card h2{margin-top:0}
.muted{color:#5a6475;font-size:.85rem}
form.decide label{display:block;margin:.15rem 0}
textarea{width:100%;min-height:4rem;font:inherit}
.actions{display:flex;gap:.6rem;margin-top:.6rem}
.actions button{font:inherit;padding:.35rem 1rem;border-radius:4px;border:1px solid #888;cursor:pointer}
button.accept{background:#1f7a3a;color:#fff;border-color:#1f7a3a}
button.refuse{background:#b3261e;color:#fff;border-color:#b3261e}
.login{max-width:340px;margin:4rem auto}
.login input{width:100%;box-sizing:border-box;font:inherit;padding:.3rem;margin:.2rem 0 .7rem}
"""

_BASE = """<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>{% block title %}Review desk{% endblock %} — attest</title><style>{{ css }}</style></head>
<body><header><a href="/">Review desk · Тексеру үстелі</a>
{% if user %}<span class="who">{{ user }}</span>
<form method="post" action="/logout"><input type="hidden" name="csrf" value="{{ csrf }}"><button>Log out</button></form>{% endif %}
</header><main>{% block main %}{% endblock %}</main></body></html>
"""

_LOGIN = """{% extends "base.html" %}{% block title %}Log in{% endblock %}{% block main %}
<div class="login card"><h1>Log in</h1>
{% if error %}<div class="error">{{ error }}</div>{% endif %}
<form method="post" action="/login">
<input type="hidden" name="csrf" value="{{ login_csrf }}">
<label>User<input name="username" autocomplete="username" required autofocus></label>
<label>Password<input name="password" type="password" autocomplete="current-password" required></label>
<div class="actions"><button type="submit">Log in</button></div>
</form></div>{% endblock %}
"""

_QUEUE = """{% extends "base.html" %}{% block title %}Queue{% endblock %}{% block main %}
{% if flash %}<div class="flash" role="status">{{ flash }}</div>{% endif %}
<h1>Needs review: {{ items|length }}</h1>
{% if items %}<table><thead><tr><th>Submission</th><th>Due by</th><th>Days left</th><th>Checks to review</th></tr></thead><tbody>
{% for item in items %}<tr>
<td><a href="/case/{{ item.submission_id }}">{{ item.submission_id }}</a></td>
<td>{{ item.due_by or "—" }}</td>
<td class="{{ 'late' if item.days_left is not none and item.days_left < 1 }}">{{ item.days_left if item.days_left is not none else "—" }}</td>
<td>{{ item.checks|join(", ") }}</td></tr>{% endfor %}
</tbody></table>{% else %}<p>No submission needs review.</p>{% endif %}
{% endblock %}
"""

_CASE = """{% extends "base.html" %}{% block title %}{{ case.submission_id }}{% endblock %}{% block main %}
{% if error %}<div class="error" role="alert">{{ error }}</div>{% endif %}
<h1>{{ case.submission_id }} <span class="muted">revision {{ v.revision }} · {{ v.decision }}
{% if v.decided_by.kind == "operator" %} by {{ v.decided_by.name }}{% endif %} · due {{ v.due_by or "—" }}</span></h1>
<div class="grid">
<div class="card"><h2>Applicant</h2>
{% if m %}<dl class="facts">
<dt>Name</dt><dd>{{ case.applicant_name }}</dd>
<dt>IIN</dt><dd>{{ case.iin_masked }}</dd>
<dt>Position</dt><dd>{{ m.applicant.position or "—" }}</dd>
<dt>Organization</dt><dd>{{ m.applicant.organization or "—" }}</dd>
<dt>Request</dt><dd>{{ m.request.action }} {{ m.request.category }}</dd>
<dt>Current category</dt><dd>{% if m.request.current_category %}{{ m.request.current_category.category }}, valid until {{ m.request.current_category.valid_until }}{% else %}none{% endif %}</dd>
<dt>State records</dt><dd>diploma {{ "yes" if m.state_records.diploma else "no" }}, employment {{ "yes" if m.state_records.employment else "no" }}</dd>
<dt>Submitted</dt><dd>{{ m.submitted_at }} via {{ m.channel }}</dd>
<dt>Consent</dt><dd>{{ "given" if m.consent_personal_data else "NOT given" }}</dd>
</dl>{% else %}<p class="error">Manifest unavailable: {{ case.manifest_problem }}</p>{% endif %}</div>
<div class="card"><h2>Documents</h2><table><thead><tr><th>File</th><th>Declared</th><th>Read as</th><th>Text</th><th>Pages</th></tr></thead><tbody>
{% for d in case.documents %}<tr><td>{{ d.file }}{% if not d.present %} <span class="tag fail">absent</span>{% endif %}</td>
<td>{{ d.declared_kind or "—" }}</td><td>{{ d.detected_kind or "—" }}</td><td>{{ d.text_source or "—" }}</td><td>{{ d.pages or "—" }}</td></tr>{% endfor %}
</tbody></table></div>
</div>
<h2>To review ({{ case.findings|length }})</h2>
{% for f in case.findings %}<div class="card finding"><div class="grid"><div>
<p><span class="tag {{ f.status }}">{{ f.status }}</span> <strong>{{ f.check }}</strong>{% if f.document %} · {{ f.document }}, page {{ f.page }}{% endif %}</p>
<p class="msg"><span class="lang">kk</span>{{ f.message_kk }}</p>
<p class="msg"><span class="lang">ru</span>{{ f.message_ru }}</p>
{% for r in f.readings %}<p><span class="muted">{{ r.label }}{% if r.page %}, p. {{ r.page }}{% endif %}{% if r.confidence is not none %} · confidence {{ "%.0f"|format(r.confidence) }}%{% endif %}</span><br><span class="read">{{ r.text }}</span></p>{% endfor %}
{% if f.details %}<dl class="facts muted">{% for k, val in f.details %}<dt>{{ k }}</dt><dd>{{ val }}</dd>{% endfor %}</dl>{% endif %}
</div><div class="page">{% if f.image_url %}<a href="{{ f.image_url }}" target="_blank" rel="noopener" title="Open the page at full size"><img src="{{ f.image_url }}" alt="{{ f.document }}, page {{ f.page }}" loading="lazy"></a>
{% else %}<p class="muted">No page to show{% if f.document %}: {{ f.document }} is not in the submission{% endif %}.</p>{% endif %}</div></div></div>
{% endfor %}
{% if case.open %}<div class="card"><h2>Decision</h2>
<form class="decide" method="post" action="/case/{{ case.submission_id }}/decide">
<input type="hidden" name="csrf" value="{{ csrf }}"><input type="hidden" name="revision" value="{{ v.revision }}">
{% if case.refusable %}<p class="muted">To refuse, tick the checks that fail:</p>
{% for c in case.refusable %}<label><input type="checkbox" name="refuse" value="{{ c }}"> {{ c }} (ground {{ grounds[c] }})</label>{% endfor %}{% endif %}
<label>Another failing check: <select name="refuse"><option value="">—</option>
{% for c in case.other_checks %}<option value="{{ c }}">{{ c }} (ground {{ grounds[c] }})</option>{% endfor %}</select></label>
<label>Note<textarea name="note" maxlength="2000" placeholder="What you saw, for the record"></textarea></label>
<div class="actions"><button class="accept" name="action" value="accept">Accept</button>
<button class="refuse" name="action" value="refuse">Refuse on the ticked checks</button></div>
</form></div>{% else %}<p class="muted">This submission is {{ v.decision }}; it is no longer in the queue.</p>{% endif %}
{% endblock %}
"""

_MESSAGE = """{% extends "base.html" %}{% block main %}<div class="card"><h1>{{ heading }}</h1><p>{{ text }}</p>
<p><a href="/">Back to the queue</a></p></div>{% endblock %}
"""

_ENV = Environment(
    loader=DictLoader(
        {"base.html": _BASE, "login.html": _LOGIN, "queue.html": _QUEUE, "case.html": _CASE, "message.html": _MESSAGE}
    ),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def render(template: str, **context: Any) -> str:
    # Our own constant: marked safe, since escaping quotes inside <style> would break the font list.
    return _ENV.get_template(template).render(css=Markup(_CSS), **context)
