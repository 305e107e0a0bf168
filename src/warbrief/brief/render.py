"""Rendering a Brief (or a timeline) as Markdown, HTML or JSON.

Every finding line carries its citations (outlet, date, URL or document id) and its count of
independent sources. HTML escapes every piece of article text and only links http(s) URLs.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable

from ..dates import published_day
from .build import Brief
from .items import Item
from .positions import Contradiction
from .rank import Citation, Finding

FORMATS = ("md", "html", "json")


def short_id(doc_id: str) -> str:
    return doc_id[:19] if doc_id.startswith("sha256:") else doc_id


def sources_label(f: Finding) -> str:
    n = len(f.sources)
    chains = "; ".join(f.chains or f.sources)
    return f"[{n} independent source{'s' if n != 1 else ''}: {chains}]"


def cite_text(c: Citation) -> str:
    parts = [c.outlet] + ([c.date] if c.date else []) + [c.url or short_id(c.doc_id)]
    return ", ".join(parts)


def layout(brief: Brief) -> list[tuple[str, str, list[tuple[str | None, list[Finding]]]]]:
    """(section id, title, [(axis, findings)]) in print order: sections as topics.yaml lists
    them, the front by axis (in order of each axis' best finding), findings by rank. Every
    format and the web page print this order."""
    out: list[tuple[str, str, list[tuple[str | None, list[Finding]]]]] = []
    for sid, title, members in _grouped(brief):
        out.append((sid, title, _axes(members) if sid == "front" else [(None, members)]))
    return out


def _grouped(brief: Brief) -> list[tuple[str, str, list[Finding]]]:
    out = []
    for sid, title in brief.sections:
        members = [f for f in brief.findings if f.section == sid]
        if members:
            out.append((sid, title, members))
    known = {s for s, _ in brief.sections}
    rest = [f for f in brief.findings if f.section not in known]
    if rest:
        out.append(("other", "Other developments", rest))
    return out


def _axes(findings: list[Finding]) -> list[tuple[str | None, list[Finding]]]:
    order: list[str | None] = []
    for f in sorted(findings, key=lambda f: f.rank):
        if f.axis not in order:
            order.append(f.axis)
    return [(a, sorted((f for f in findings if f.axis == a), key=lambda f: f.rank)) for a in order]


def _count(brief: Brief) -> str:
    n = len(brief.findings)
    return (f"{n} key finding{'s' if n != 1 else ''} from {brief.documents} "
            f"document{'s' if brief.documents != 1 else ''}")


def _stories(brief: Brief) -> str:
    return f"{brief.stories} stor{'ies' if brief.stories != 1 else 'y'}"


def _period(brief: Brief) -> str:
    if brief.days <= 1:
        return brief.date.isoformat()
    return f"{brief.start.isoformat()} to {brief.date.isoformat()}"


def to_markdown(brief: Brief) -> str:
    lines = [f"# Brief for {_period(brief)}", "",
             f"{_count(brief)} ({_stories(brief)}), ranked by importance; each line cites its reports.", ""]
    if not brief.findings:
        lines += ["No findings: no analysed documents were published in this period.", ""]
    for sid, title, groups in layout(brief):
        lines += [f"## {title}", ""]
        for axis, group in groups:
            if sid == "front":
                lines += [f"### {axis or 'Axis not known'}", ""]
            for f in group:
                cites = "; ".join(cite_text(c) for c in f.citations)
                lines.append(f"{f.rank}. {f.sentence} {sources_label(f)} ({cites})")
            lines.append("")
    if brief.contradictions:
        lines += ["## Positions that changed", ""]
        for c in brief.contradictions:
            lines.append("- " + _contradiction_text(c))
        lines.append("")
    return "\n".join(lines)


def _contradiction_text(c: Contradiction) -> str:
    def one(p) -> str:
        d = p.item.doc
        return (f"{p.stance} on {p.date or 'an unknown date'}: \"{p.sentence}\" "
                f"({d.source or 'unknown outlet'}, {d.url or short_id(d.id)})")
    return f"{c.actor} on {c.topic}: {one(c.earlier)} -> {one(c.later)}"


def _link(c: Citation) -> str:
    e = html.escape
    text = e(", ".join([c.outlet] + ([c.date] if c.date else [])))
    if c.url and c.url.lower().startswith(("http://", "https://")):
        return f'{text}, <a href="{e(c.url, quote=True)}">{e(c.url)}</a>'
    return f"{text}, <code>{e(c.url or short_id(c.doc_id))}</code>"


def to_html(brief: Brief) -> str:
    e = html.escape
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           f"<title>Brief for {e(_period(brief))}</title>",
           "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.4}"
           ".src{color:#555;font-size:.9em}.n{font-weight:bold}</style></head><body>",
           f"<h1>Brief for {e(_period(brief))}</h1>",
           f"<p>{_count(brief)} ({_stories(brief)}), ranked by importance.</p>"]
    for sid, title, groups in layout(brief):
        out.append(f"<h2>{e(title)}</h2>")
        for axis, group in groups:
            if sid == "front":
                out.append(f"<h3>{e(axis or 'Axis not known')}</h3>")
            out.append("<ol>")
            for f in group:
                cites = "; ".join(_link(c) for c in f.citations)
                out.append(f'<li value="{f.rank}">{e(f.sentence)} <span class="n">{e(sources_label(f))}'
                           f'</span> <span class="src">({cites})</span></li>')
            out.append("</ol>")
    if brief.contradictions:
        out.append("<h2>Positions that changed</h2><ul>")
        out.extend(f"<li>{e(_contradiction_text(c))}</li>" for c in brief.contradictions)
        out.append("</ul>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def to_json(brief: Brief) -> str:
    return json.dumps(brief.to_dict(), ensure_ascii=False, indent=1) + "\n"


RENDERERS: dict[str, Callable[[Brief], str]] = {"md": to_markdown, "html": to_html, "json": to_json}


def render(brief: Brief, fmt: str = "md") -> str:
    return RENDERERS[fmt](brief)


def timeline_lines(items: list[Item]) -> list[str]:
    out = []
    for it in items:
        d = it.cite_day.isoformat() if it.cite_day else "????-??-??"
        what = it.kind if it.kind != "event" else f"{it.type or 'event'}/{it.label or '-'}"
        src = ", ".join(x for x in (it.doc.source, it.doc.url or short_id(it.doc.id)) if x)
        out.append(f"{d}  [{what}] {it.text} ({src})")
    return out


def timeline_json(items: list[Item]) -> list[dict]:
    return [{"date": it.cite_day.isoformat() if it.cite_day else None, "kind": it.kind,
             "type": it.type, "label": it.label, "sentence": it.text,
             "place": it.place.name if it.place else None,
             "citation": {"outlet": it.doc.source, "date": published_day(it.doc.published),
                          "url": it.doc.url, "document": it.doc.id}} for it in items]
