"""The `os2web` export: a manifest folder per meeting that OS2web_meetings' SBSYS importer
(os2web_meetings_sbsys) reads without code, in the shape its migration config and source plugin take:

    <Dagsorden DagsordenID Åben Dagsordentype>
      <Møde MødeID Udvalg UdvalgID Mødedato Mødetid Mødeslutdato Mødesluttid Mødested/>
      <Dagsordenpunkter>
        <Dagsordenpunkt DagsordenpunktID Nummer Åbent>
          <Overskrift>title</Overskrift>
          <Indhold><Sagsfremstilling>html</Sagsfremstilling>…</Indhold>   each child: a title and its body
          <Bilagsliste><Bilag BilagID Navn MaaPubliceres/>…</Bilagsliste>

Dates are Danish ("29. januar 2025", times "09:00"), as the plugin's date conversion reads them.
Beside the manifest: `dagsorden.html` (the plugin's "Samlet dokument", which it publishes as it is:
so always without closed items' content) and, not in a public export, the source PDF when it is
found with the record's sha256.
"""
from __future__ import annotations

from workbench.i18n import _

import datetime as dt
import hashlib
import html
import os
import re
import stat
import xml.etree.ElementTree as ET
from pathlib import Path

from workbench.config import slug
from workbench.export.common import (GENERATOR, ExportError, Planned, Record, attachment_title, decision_heading,
                                     is_closed, prepared, public)

MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
          "november", "december")
HEADINGS = {"sagsgang": "Sagsgang", "sagsansvarlig": "Sagsansvarlig", "baggrund": "Baggrund",
            "sagsfremstilling": "Sagsfremstilling", "oekonomiske_konsekvenser": "Økonomiske konsekvenser",
            "indstilling": "Indstilling", "lukket_punkt": "Lukket punkt"}
MARK = f"<!-- written by {GENERATOR} -->"
XML_HEAD = f'<?xml version="1.0" encoding="utf-8"?>\n{MARK}\n'.encode()
HTML_HEAD = f"<!DOCTYPE html>\n{MARK}\n".encode()
# characters XML 1.0 cannot hold, even escaped
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _x(text) -> str:
    return _NOT_XML.sub("\ufffd", str(text))


def danish_date(d: dt.date) -> str:
    return f"{d.day}. {MONTHS[d.month - 1]} {d.year}"


def xml_name(text: str) -> str:
    """An element name from a heading (the importer shows the name as the title): spaces and what
    a name cannot hold become `_`; it starts with a letter or `_`, never with `xml`."""
    chars = [c if (c.isascii() and (c.isalnum() or c in "-._")) or (ord(c) >= 0xC0 and c.isalpha()) else "_"
             for c in text]
    name = re.sub(r"_+", "_", "".join(chars)).strip("_") or "Indhold"
    if not (name[0].isalpha() or name[0] == "_") or name.lower().startswith("xml"):
        name = "_" + name
    return name


def heading(key: str) -> str:
    return HEADINGS.get(key) or key.replace("_", " ").capitalize()


def text_html(text: str) -> str:
    """referat/1 text as the HTML the importer stores: paragraphs (blank-line blocks) as <p>, lines
    inside one as <br/>, runs of `- ` lines as a list; a block of both (`at` and its bullets) in a <div>."""
    out = []
    for block in text.split("\n\n"):
        lines = block.split("\n")
        run: list[str] = []
        bullets: list[str] = []
        parts: list[str] = []

        def flush():
            if run:
                parts.append("<p>" + "<br/>".join(html.escape(x, quote=False) for x in run) + "</p>")
                run.clear()
            if bullets:
                parts.append("<ul>" + "".join(f"<li>{html.escape(x, quote=False)}</li>" for x in bullets) + "</ul>")
                bullets.clear()

        for ln in lines:
            if ln.startswith("- "):
                if run:
                    flush()
                bullets.append(ln[2:])
            else:
                if bullets:
                    flush()
                run.append(ln)
        flush()
        out.append(f"<div>{''.join(parts)}</div>" if len(parts) > 1 else "".join(parts))
    return "".join(out)


def table_html(t: dict) -> str:
    cells = lambda tag, row: "".join(f"<{tag}>{html.escape(c, quote=False)}</{tag}>" for c in row)  # noqa: E731
    head = f"<tr>{cells('th', t.get('columns', []))}</tr>" if t.get("columns") else ""
    return "<table>" + head + "".join(f"<tr>{cells('td', r)}</tr>" for r in t.get("rows", [])) + "</table>"


def contents(it: dict) -> list[tuple[str, str]]:
    """(title, html) of an item's content: each section (with the tables taken out of it), then
    each decision; titles unique within the item (the importer keys them by title)."""
    out: list[tuple[str, str]] = []
    tables = it.get("tables", [])
    keys = list(it.get("sections", {}))
    keys += [t["section"] for t in tables if t.get("section") and t["section"] not in keys]
    for key in keys:
        body = text_html(it.get("sections", {}).get(key, "")) if it.get("sections", {}).get(key) else ""
        body += "".join(table_html(t) for t in tables if t.get("section") == key)
        out.append((heading(key), body))
    out += [(decision_heading(d), text_html(d.get("text", ""))) for d in it.get("decisions", [])]
    return out


def unique_names(titles: list[str]) -> list[str]:
    names, used = [], set()
    for t in titles:
        name, n = xml_name(t), 2
        while name.casefold() in used:
            name, n = f"{xml_name(t)}_{n}", n + 1
        used.add(name.casefold())
        names.append(name)
    return names


def meeting_id(m: dict, sha: str) -> str:
    """One id for a meeting's dagsorden and referat alike (the importer groups agendas by it)."""
    if m.get("date") and m.get("body"):
        return f"{m['date'].isoformat()}-{slug(m['body'])}"
    return sha


def manifest(data: dict) -> bytes:
    sha = data["source"]["sha256"]
    m = data.get("meeting", {})
    attrs = {"DagsordenID": sha, "Åben": "true",
             "Dagsordentype": "Referat" if m.get("kind", "referat") == "referat" else "Dagsorden"}
    if data.get("review", {}).get("status", "draft") != "verified":
        attrs["Status"] = "Kladde"  # not read by the importer: a draft exported with --all says so
    root = ET.Element("Dagsorden", attrs)
    meet = {"MødeID": meeting_id(m, sha)}
    if m.get("body"):
        meet.update(Udvalg=m["body"], UdvalgID=slug(m["body"]) or m["body"])
    if isinstance(m.get("date"), dt.date):
        meet["Mødedato"] = meet["Mødeslutdato"] = danish_date(m["date"])
    if m.get("start"):
        meet["Mødetid"] = m["start"].strftime("%H:%M")
    if m.get("end") or m.get("start"):
        meet["Mødesluttid"] = (m.get("end") or m["start"]).strftime("%H:%M")
    if m.get("place"):
        meet["Mødested"] = m["place"]
    ET.SubElement(root, "Møde", {k: _x(v) for k, v in meet.items()})
    points = ET.SubElement(root, "Dagsordenpunkter")
    for k, it in enumerate(data.get("items", [])):
        closed = is_closed(it)
        pa = {"DagsordenpunktID": f"{sha}-{k + 1}"}
        if "number" in it:
            pa["Nummer"] = str(it["number"])
        pa["Åbent"] = "false" if closed else "true"
        for key, attr in (("case", "Sagsnummer"), ("journal", "Journalnummer")):
            if it.get(key):
                pa[attr] = _x(it[key])  # not read by the importer; kept for other readers
        bp = ET.SubElement(points, "Dagsordenpunkt", pa)
        ET.SubElement(bp, "Overskrift").text = _x(it.get("title", ""))
        content = [(t, body) for t, body in contents(it) if body]  # an empty element would read as a list
        if content:
            ind = ET.SubElement(bp, "Indhold")
            for name, (_, body) in zip(unique_names([t for t, _ in content]), content):
                ET.SubElement(ind, name).text = _x(body)
        if it.get("attachments"):
            bl = ET.SubElement(bp, "Bilagsliste")
            for j, a in enumerate(it["attachments"]):
                ba = {"BilagID": f"{sha}-{k + 1}-{j + 1}", "Navn": _x(attachment_title(a)),
                      "MaaPubliceres": "false" if closed or is_closed(a) else "true"}
                if a.get("ref"):
                    ba["Dokumentnummer"] = _x(a["ref"])
                ET.SubElement(bl, "Bilag", ba)
    ET.indent(root)
    return XML_HEAD + ET.tostring(root, encoding="unicode").encode("utf-8") + b"\n"


def document(data: dict) -> bytes:
    """dagsorden.html: the whole referat as one page (given the public variant: see plan)."""
    e = lambda s: html.escape(_x(s))  # noqa: E731
    m = data.get("meeting", {})
    title = " ".join(x for x in (m.get("body", ""), m.get("kind", ""),
                                 danish_date(m["date"]) if m.get("date") else "") if x)
    out = [f'<html lang="da">\n<head><meta charset="utf-8"><title>{e(title)}</title></head>\n<body>\n'
           f"<h1>{e(title)}</h1>\n"]
    if m.get("place"):
        out.append(f"<p>{e(m['place'])}</p>\n")
    for it in data.get("items", []):
        num = f"{it['number']}. " if "number" in it else ""
        closed = " (lukket)" if is_closed(it) else ""
        out.append(f"<h2>{e(num + it.get('title', ''))}{closed}</h2>\n")
        for t, body in contents(it):
            if body:
                out.append(f"<h3>{e(t)}</h3>\n{_x(body)}\n")
        if it.get("attachments"):
            out.append("<h3>Bilag</h3>\n<ul>" + "".join(f"<li>{e(attachment_title(a))}</li>"
                                                       for a in it["attachments"]) + "</ul>\n")
    out.append("</body>\n</html>\n")
    return HTML_HEAD + "".join(out).encode("utf-8")


def folder_name(rec: Record) -> str:
    """The record's name; `.xml` nowhere in it (the importer takes any name holding `.xml` for a manifest)."""
    return re.sub(r"\.xml", "_xml", rec.stem, flags=re.IGNORECASE)


def find_source(rec: Record, places: list[Path], limit: int) -> tuple[str, bytes] | None:
    """(name, bytes) of the record's source PDF from the first place that holds a regular file of
    that name with the record's sha256; None where none does."""
    src = rec.data["source"]
    name = Path(src.get("file", "")).name
    if src.get("format") != "pdf" or not name or name.startswith("."):
        return None
    for place in places:
        path = place / name
        try:
            st = os.stat(path)
            if not stat.S_ISREG(st.st_mode) or st.st_size > limit:
                continue
            data = path.read_bytes()
        except OSError:
            continue
        if hashlib.sha256(data).hexdigest() == src["sha256"]:
            return re.sub(r"\.xml", "_xml", name, flags=re.IGNORECASE), data
    return None


def _starts(head: bytes):
    return lambda existing: existing.startswith(head)


def plan(records: list[Record], out: Path, public_only: bool, sources: list[Path] | None = None,
         limit: int = 200_000_000) -> list[Planned]:
    planned: list[Planned] = []
    for rec in records:
        data = prepared(rec, public_only)
        folder = out / folder_name(rec)
        if folder.exists() and not folder.is_dir():
            raise ExportError(_('{folder}: is not a folder; nothing was exported (move it away)').format(folder=folder))
        stem = folder_name(rec)
        planned.append(Planned(folder / f"{stem}.xml", manifest(data), _starts(XML_HEAD), via=folder / f".{stem}.part"))
        # the importer publishes dagsorden.html as it is, whatever the items' Åbent: always the public text
        planned.append(Planned(folder / "dagsorden.html", document(public(rec.data)), _starts(HTML_HEAD)))
        if not public_only:  # the PDF holds the closed items' text: never in a public export
            found = find_source(rec, [*(sources or []), rec.path.parent], limit)
            if found:
                sha = rec.sha
                planned.append(Planned(folder / found[0], found[1],
                                       lambda existing, sha=sha: hashlib.sha256(existing).hexdigest() == sha))
    return planned
