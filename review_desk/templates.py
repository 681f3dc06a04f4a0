"""The desk's HTML: Jinja2 templates kept inline (no build step, nothing to package), autoescaped."""

from __future__ import annotations

import re
from typing import Any

from jinja2 import DictLoader, Environment, select_autoescape
from markupsafe import Markup

from review_desk.labels import DEFAULT_LANG, LANGS, Lang, label, ui

# Bidi embedding, override and isolate controls, and the marks that steer them.
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")

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
.langs a{color:#fff;margin-left:.4rem;opacity:.75}
.langs a.on{opacity:1;text-decoration:underline}
tr.overdue td{background:#fdecea}
.docs td:first-child{overflow-wrap:anywhere}
.pagelinks a{display:inline-block;margin:0 .25rem .2rem 0;padding:0 .35rem;border:1px solid #c9ced8;border-radius:3px;text-decoration:none}
.viewer img{display:block;max-width:100%;margin:.5rem auto;border:1px solid #c9ced8;background:#fff}
.nav{display:flex;gap:1rem;align-items:center}
form.decide button.refuse{display:none}
form.decide:has(input[name=refuse]:checked) button.refuse,form.decide:has(select[name=refuse] option:checked:not([value=""])) button.refuse{display:inline-block}
form.decide:has(input[name=refuse]:checked) .refuse-hint,form.decide:has(select[name=refuse] option:checked:not([value=""])) .refuse-hint{display:none}
.replace{background:#fff3cd;border:1px solid #e6c65c;padding:.5rem .8rem;border-radius:4px}
"""

_BASE = """<!doctype html>
<html lang="{{ lang }}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>{% block title %}{{ t("desk") }}{% endblock %} — attest</title><style>{{ css }}</style></head>
<body><header><a href="/">{{ t("desk") }}</a>
<span class="langs">{% for code in langs %}<a href="/lang/{{ code }}?next={{ here|urlencode }}" class="{{ 'on' if code == lang }}" hreflang="{{ code }}">{{ code|upper }}</a>{% endfor %}</span>
{% if user %}<span class="who">{{ user }}</span>
<form method="post" action="/logout"><input type="hidden" name="csrf" value="{{ csrf }}"><button>{{ t("log_out") }}</button></form>{% endif %}
</header><main>{% block main %}{% endblock %}</main></body></html>
"""

_LOGIN = """{% extends "base.html" %}{% block title %}{{ t("log_in") }}{% endblock %}{% block main %}
<div class="login card"><h1>{{ t("log_in") }}</h1>
{% if error %}<div class="error">{{ error }}</div>{% endif %}
<form method="post" action="/login">
<input type="hidden" name="csrf" value="{{ login_csrf }}">
<label>{{ t("user") }}<input name="username" autocomplete="username" required autofocus></label>
<label>{{ t("password") }}<input name="password" type="password" autocomplete="current-password" required></label>
<div class="actions"><button type="submit">{{ t("log_in") }}</button></div>
</form></div>{% endblock %}
"""

_QUEUE = """{% extends "base.html" %}{% block title %}{{ t("needs_review") }}{% endblock %}{% block main %}
{% if flash %}<div class="flash" role="status">{{ flash }}</div>{% endif %}
<h1>{{ t("needs_review") }}: {{ items|length }}</h1>
{% if items %}<table class="queue"><thead><tr><th>{{ t("submission") }}</th><th>{{ t("due_by") }}</th><th>{{ t("days_left") }}</th><th>{{ t("checks_to_review") }}</th></tr></thead><tbody>
{% for item in items %}<tr class="{{ 'overdue' if item.days_left is not none and item.days_left < 0 }}">
<td><a href="/case/{{ item.submission_id }}">{{ item.submission_id }}</a></td>
<td>{{ item.due_by.strftime("%d.%m.%Y") if item.due_by else "—" }}</td>
<td class="{{ 'late' if item.days_left is not none and item.days_left < 1 }}">{% if item.days_left is none %}—{% elif item.days_left < 0 %}{{ t("overdue", days=-item.days_left) }}{% elif item.days_left == 0 %}{{ t("due_today") }}{% else %}{{ item.days_left }}{% endif %}</td>
<td>{% for c in item.checks %}{{ lb("check", c) }}{% if not loop.last %}; {% endif %}{% endfor %}</td></tr>{% endfor %}
</tbody></table>{% else %}<p>{{ t("queue_empty") }}</p>{% endif %}
{% endblock %}
"""

_CASE = """{% extends "base.html" %}{% block title %}{{ case.submission_id }}{% endblock %}{% block main %}
{% if error %}<div class="error" role="alert">{{ error }}</div>{% endif %}
<h1>{{ case.submission_id }} <span class="muted">{{ t("revision") }} {{ v.revision }} · {{ lb("decision", v.decision) }}
{% if v.decided_by.kind == "operator" %} · {{ t("by") }}: {{ v.decided_by.name }}{% endif %} · {{ t("due_by") }} {{ v.due_by.strftime("%d.%m.%Y") if v.due_by else "—" }}{% if overdue %} · <span class="late">{{ t("overdue", days=overdue) }}</span>{% endif %}</span></h1>
<div class="grid">
<div class="card"><h2>{{ t("applicant") }}</h2>
{% if m %}<dl class="facts">
<dt>{{ t("name") }}</dt><dd>{{ case.applicant_name }}</dd>
<dt>{{ t("iin") }}</dt><dd class="iin">{{ case.iin }}</dd>
<dt>{{ t("position") }}</dt><dd>{{ m.applicant.position or "—" }}</dd>
<dt>{{ t("organization") }}</dt><dd>{{ m.applicant.organization or "—" }}</dd>
<dt>{{ t("request") }}</dt><dd>{{ lb("action", m.request.action) }}: {{ lb("category", m.request.category) }}</dd>
<dt>{{ t("current_category") }}</dt><dd>{% if m.request.current_category %}{{ lb("category", m.request.current_category.category) }}, {{ t("valid_until", date=m.request.current_category.valid_until.strftime("%d.%m.%Y")) }}{% else %}{{ t("none") }}{% endif %}</dd>
<dt>{{ t("state_records") }}</dt><dd>{{ t("diploma_in_records") }}: {{ t("yes") if m.state_records.diploma else t("no") }}; {{ t("employment_in_records") }}: {{ t("yes") if m.state_records.employment else t("no") }}</dd>
<dt>{{ t("submitted") }}</dt><dd>{{ m.submitted_at.strftime("%d.%m.%Y %H:%M") }}, {{ t("via") }} {{ lb("channel", m.channel) }}</dd>
<dt>{{ t("consent") }}</dt><dd>{{ t("consent_given") if m.consent_personal_data else t("consent_missing") }}</dd>
</dl>{% else %}<p class="error">{{ t("manifest_unavailable") }}: {{ case.manifest_problem }}</p>{% endif %}</div>
<div class="card"><h2>{{ t("documents") }}</h2><table class="docs"><thead><tr><th>{{ t("file") }}</th><th>{{ t("declared") }}</th><th>{{ t("read_as") }}</th><th>{{ t("pages") }}</th></tr></thead><tbody>
{% for d in case.documents %}<tr><td>{{ d.file }}{% if not d.present %} <span class="tag fail">{{ t("absent") }}</span>{% endif %}<br><span class="muted">{{ lb("source", d.text_source) }}</span></td>
<td>{{ lb("kind", d.declared_kind) }}</td><td>{{ lb("kind", d.detected_kind) }}</td>
<td class="pagelinks">{% if d.present %}{% for n in d.page_numbers() %}<a href="{{ viewer(d.file, n) }}">{{ n }}</a>{% endfor %}{% else %}—{% endif %}</td></tr>{% endfor %}
</tbody></table></div>
</div>
<h2>{{ t("to_review") }} ({{ case.findings|length }})</h2>
{% for f in case.findings %}<div class="card finding"><div class="grid"><div>
<p><span class="tag {{ f.status }}">{{ lb("status", f.status) }}</span> <strong title="{{ f.check }}">{{ lb("check", f.check) }}</strong>{% if f.document %} · {{ f.document }}, {{ t("page", n=f.page) }}{% endif %}</p>
<p class="msg">{{ f.message_kk if lang == "kk" else f.message_ru }}</p>
{% for r in f.readings %}<p><span class="muted">{{ lb("detail", r.label) if r.label != "read" else t("read") }}{% if r.page %}, {{ t("page", n=r.page) }}{% endif %}{% if r.confidence is not none %} · {{ t("confidence") }} {{ "%.0f"|format(r.confidence) }}%{% endif %}</span><br><span class="read">{{ r.text }}</span></p>{% endfor %}
{% if f.details %}<dl class="facts muted">{% for k, val in f.details %}<dt>{{ lb("detail", k) }}</dt><dd>{{ lb("kind", val) if k in kind_keys else val }}</dd>{% endfor %}</dl>{% endif %}
</div><div class="page">{% if f.image_url %}<a href="{{ viewer(f.document, f.page, loop.index0) }}" title="{{ t('open_full') }}"><img src="{{ f.image_url }}" alt="{{ f.document }}, {{ t('page', n=f.page) }}" loading="lazy"></a>
{% elif f.document %}<p class="muted">{{ t("not_in_submission", file=f.document) }}</p>{% else %}<p class="muted">{{ t("no_page") }}</p>{% endif %}
{% for other, url in f.compare %}<p><a href="{{ url }}" class="compare">{{ t("side_by_side", other=other) }}</a></p>{% endfor %}</div></div></div>
{% endfor %}
<div class="card"><h2>{{ t("decision") if case.open else t("change_decision") }}</h2>
{% if not case.open %}<p class="muted">{{ t("closed", decision=lb("decision", v.decision)) }}</p>{% endif %}
<form class="decide" method="post" action="/case/{{ case.submission_id }}/decide">
<input type="hidden" name="csrf" value="{{ csrf }}"><input type="hidden" name="revision" value="{{ v.revision }}">
{% if replaces %}<div class="replace"><p>{{ t("replaces", name=replaces, decision=lb("decision", v.decision), when=v.decided_at.strftime("%d.%m.%Y %H:%M")) }}</p>
<label><input type="checkbox" name="confirm_replace" value="{{ replaces }}"> {{ t("confirm_replace", name=replaces) }}</label></div>{% endif %}
{% if case.refusable %}<p class="muted">{{ t("tick_to_refuse") }}</p>
{% for c in case.refusable %}<label><input type="checkbox" name="refuse" value="{{ c }}"> {{ lb("check", c) }} ({{ t("ground", n=grounds[c]) }})</label>{% endfor %}{% endif %}
<label>{{ t("other_check") }} <select name="refuse"><option value="">—</option>
{% for c in case.other_checks %}<option value="{{ c }}">{{ lb("check", c) }} ({{ t("ground", n=grounds[c]) }})</option>{% endfor %}</select></label>
<label>{{ t("note") }}<textarea name="note" maxlength="2000" placeholder="{{ t('note_placeholder') }}"></textarea></label>
<div class="actions"><button class="accept" name="action" value="accept">{{ t("accept") }}</button>
<button class="refuse" name="action" value="refuse">{{ t("refuse") }}</button><span class="muted refuse-hint">{{ t("refuse_hint") }}</span></div>
</form></div>
{% endblock %}
"""

_VIEWER = """{% extends "base.html" %}{% block title %}{{ file }} · {{ case.submission_id }}{% endblock %}{% block main %}
<div class="nav"><a href="/case/{{ case.submission_id }}">{{ t("back_to_case") }}</a>
<strong>{{ file }}</strong><span>{% if total %}{{ t("page_of", n=page, total=total) }}{% else %}{{ t("page", n=page) }}{% endif %}</span>
{% if page > 1 %}<a href="{{ viewer(file, page - 1) }}" rel="prev">{{ t("previous") }}</a>{% endif %}
{% if not total or page < total %}<a href="{{ viewer(file, page + 1) }}" rel="next">{{ t("next") }}</a>{% endif %}</div>
<div class="viewer"><img src="{{ src }}" alt="{{ file }}, {{ t('page', n=page) }}"></div>
{% endblock %}
"""

_COMPARE = """{% extends "base.html" %}{% block title %}{{ lb("check", c.check) }} · {{ case_id }}{% endblock %}{% block main %}
<div class="nav"><a href="/case/{{ case_id }}">{{ t("back_to_case") }}</a><strong>{{ lb("check", c.check) }}</strong>
{% if c.similarity is not none %}<span>{{ lb("detail", "similarity") }} {{ "%.0f"|format(c.similarity * 100) }} %</span>{% endif %}</div>
{% if c.passage %}<p class="card"><span class="muted">{{ lb("detail", "shared_passage") }}</span><br><mark>{{ c.passage }}</mark></p>{% endif %}
<div class="grid">{% for side, heading in ((c.ours, t("this_submission", id=c.ours.submission_id)), (c.theirs, t("other_submission", id=c.theirs.submission_id))) %}
<div class="card side"><h2>{{ heading }}</h2><p class="muted">{{ side.file }}</p><div class="viewer"><img src="{{ side.image }}" alt="{{ side.file }}"></div></div>{% endfor %}</div>
{% endblock %}
"""

_MESSAGE = """{% extends "base.html" %}{% block main %}<div class="card"><h1>{{ heading }}</h1><p>{{ text }}</p>
<p><a href="/">{{ t("back_to_queue") }}</a></p></div>{% endblock %}
"""

_ENV = Environment(
    loader=DictLoader(
        {
            "base.html": _BASE,
            "login.html": _LOGIN,
            "queue.html": _QUEUE,
            "case.html": _CASE,
            "viewer.html": _VIEWER,
            "compare.html": _COMPARE,
            "message.html": _MESSAGE,
        }
    ),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
    finalize=lambda value: neutral(value),
)


def neutral(value: Any) -> Any:
    """Text with its bidi controls shown as escapes: U+202E in a file name would otherwise turn
    "gpj.exe" around on screen. Applied to every value a template prints."""
    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    return _BIDI.sub(lambda m: f"\\u{ord(m.group()):04x}", value)


def render(template: str, lang: Lang = DEFAULT_LANG, **context: Any) -> str:
    """A page in `lang`: `t(key)` gives the interface's words, `lb(table, code)` a code's name."""
    return _ENV.get_template(template).render(
        css=Markup(_CSS),  # our own constant: escaping quotes inside <style> would break the font list
        lang=lang,
        langs=LANGS,
        t=lambda key, **values: ui(key, lang, **values),
        lb=lambda table, code: label(table, code, lang),
        kind_keys=("kind", "declared_kind", "detected_kind"),
        **context,
    )
