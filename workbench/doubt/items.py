"""Doubt rules on the item's header (access, journal and case) and on section headings the vocabulary
does not know."""
from __future__ import annotations

from workbench.i18n import _

import re
from collections import defaultdict

from workbench.model import FlagKind, SourceLine
from workbench.doubt.shapes import _CASE_NUMBER, _CODE, _KLE_NUMBER, _cut, _norm


class ItemRules:
    # -- the item's header: access, journal and case numbers
    def headers(self) -> None:
        items = self.ref.items
        for key in ("access", "journal", "case"):
            have = sum(1 for it in items if getattr(it, key))
            for k, it in enumerate(items):
                if getattr(it, key) or have < 0.5 * len(items) or len(items) < 2:
                    continue
                line = it.heading_line or 1
                self.add(FlagKind.LOW_CONFIDENCE, "warning", f"items[{k}].{key}", (line, line),
                         _('Item {value} has no {key}, while {have} of {n} items have one: its line may have a form config.toml does not know.').format(value=it.number if it.number is not None else k + 1, key=key, have=have, n=len(items)),
                         excerpt=it.title)
        below: dict[str, list[tuple[int, SourceLine]]] = defaultdict(list)
        known = self._known_headings()
        for k, it in enumerate(items):
            firsts = [ln for ln in self.content if it.span and (it.heading_line or 0) < ln.no <= it.span[1]][:3]
            heads = {s.span[0] for s in it.sections.values()} | {d.heading_line for d in it.decisions}
            for ln in firsts:
                text = " ".join(ln.text.split())
                if len(text.split()) <= 3 and not re.search(r"\d", text) and ln.no not in heads \
                        and _norm(text) not in known:
                    below[_norm(text)].append((k, ln))
        for marker, hits in below.items():
            # the same short line right below several item headings: a marker (access?) nothing read
            ks = {k for k, _ in hits}
            if len(ks) < max(2, 0.3 * len(items)):
                continue
            hits = hits + self._marker_inside(marker, ks)
            for k, ln in hits:
                if items[k].access is None:
                    self.add(FlagKind.LOW_CONFIDENCE, "warning", f"items[{k}].access", (ln.no, ln.no),
                             _("'{text}' stands right below {n} item headings, and this item has no access: is it an access marker config.toml does not know?").format(text=ln.text.strip(), n=len(ks)), excerpt=ln.text)
        for j, e in enumerate(self.ref.attachment_index):
            if e.access is None and re.fullmatch(r"\(?\s*\w+\s+bilag\s*\)?", (e.title or "").strip(), re.IGNORECASE):
                self.add(FlagKind.LOW_CONFIDENCE, "warning", f"attachment_index[{j}].access", e.span or (1, 1),
                         _("'{title}' in the Bilagsoversigt names the attachment's access in words config.toml does not know.").format(title=e.title), excerpt=e.title or "")
        for k, it in enumerate(items):
            # a number below the heading, shaped like a journal (KLE) or case number, that the item lacks
            firsts = [ln for ln in self.content if it.span and (it.heading_line or 0) < ln.no <= it.span[1]][:4]
            taken = [s.span for s in it.sections.values()] + [d.span for d in it.decisions if d.span]
            for ln in firsts:
                text = " ".join(ln.text.split())
                if any(a <= ln.no <= b for a, b in taken) or len(text) > 120:
                    continue
                for key, rx in (("journal", _KLE_NUMBER), ("case", _CASE_NUMBER)):
                    m = rx.search(text)
                    have = getattr(it, key)
                    labelled = re.search(r"(?i)\bsag|journal|kle", text) is not None
                    if m and (have is None and (key == "journal" or labelled or _CODE.match(text))
                              or have is not None and have not in text and labelled and m.group(0) != have):
                        self.add(FlagKind.LOW_CONFIDENCE, "warning", f"items[{k}].{key}", (ln.no, ln.no),
                                 _("'{value}' below the item's heading holds '{value2}', shaped like a {key} number, but the item's {key} is {value3}: no pattern of config.toml read it.").format(value=_cut(text), value2=m.group(0), key=key, value3=have or 'missing'), excerpt=text)


    def _marker_inside(self, marker: str, ks: set[int]) -> list[tuple[int, SourceLine]]:
        """The lines right below the other items' headings that hold `marker` among other words."""
        rx = re.compile(r"(?<!\w)" + re.escape(marker) + r"(?!\w)", re.IGNORECASE)
        out = []
        for k, it in enumerate(self.ref.items):
            if k in ks or not it.span:
                continue
            firsts = [ln for ln in self.content if (it.heading_line or 0) < ln.no <= it.span[1]][:3]
            hit = next((ln for ln in firsts if rx.search(" ".join(ln.text.split()))), None)
            if hit is not None:
                out.append((k, hit))
        return out


    # -- a heading the vocabulary does not know
    def recurring_headings(self) -> None:
        """A short line standing alone, at the head of a paragraph of text, that recurs in several items:
        a section heading the vocabulary does not know."""
        found: dict[str, list[tuple[int, SourceLine]]] = defaultdict(list)
        weak: dict[str, list[tuple[int, SourceLine]]] = defaultdict(list)
        known = self._known_headings()
        for k, it in enumerate(self.ref.items):
            if not it.span:
                continue
            for key, sec in it.sections.items():
                body = [ln for ln in self.lines[sec.span[0]: sec.span[1]] if ln.text.strip() and not ln.furniture]
                for ln in body[1:]:  # an unknown heading adds its text to the section above: never its first line
                    text = " ".join(ln.text.split())
                    if not text or ln.furniture or len(text.split()) > 4 or text[-1] in ".,;" or not text[0].isupper() \
                            or re.search(r"\d", text) or "\t" in ln.text:
                        continue
                    if ln.bold or self._alone(ln):
                        found[_norm(text)].append((k, ln))
                    else:  # the same line, not set apart here: counts once the name is a heading elsewhere
                        weak[_norm(text)].append((k, ln))
        for name in list(found) + [n for n in weak if n not in found]:
            hits = found.get(name, [])
            items = {k for k, _ in hits}
            hits = hits + [(k, ln) for k, ln in weak.get(name, ()) if k not in items]
            items = {k for k, _ in hits}
            if name not in found and not any(_norm(ln.text) == name and (ln.bold or self._alone(ln))
                                             for ln in self.content):
                continue  # set apart nowhere in the document: no heading
            # the items that hold the line anywhere: where no section was found, it stands outside any section
            anywhere = {k for k, _ in found.get(name, [])} | {k for k, it in enumerate(self.ref.items) if it.span and any(
                _norm(ln.text) == name and not any(s.span[0] <= ln.no <= s.span[1] for s in it.sections.values())
                for ln in self.lines[it.span[0]: it.span[1]] if not ln.furniture)}
            if len(anywhere) < 2 or len(anywhere) < 0.3 * len(self.ref.items) or name in known:
                continue
            for k in sorted(items):
                ln = next(ln for kk, ln in hits if kk == k)
                self.add(FlagKind.UNKNOWN_HEADING, "warning", f"items[{k}].sections", (ln.no, ln.no),
                         _("'{text}' stands alone like a heading in {n} items, but is no section heading of config.toml: its text was added to the section above. Add the heading to config.toml, or split the section.").format(text=ln.text.strip(), n=len(items)), excerpt=ln.text)


    def _known_headings(self) -> set[str]:
        cfg = self.config
        if cfg is None:
            return set()
        out = {_norm(h.rstrip(" *")) for hs in cfg.section_headings.values() for h in hs}
        return out | {_norm(h) for hs in cfg.region_headings.values() for h in hs}


    def _alone(self, ln: SourceLine) -> bool:
        """A line with a blank line or paragraph gap above and below it."""
        i = ln.no - 1
        above = i == 0 or not self.lines[i - 1].text.strip() or ln.gap_before
        below = i + 1 >= len(self.lines) or not self.lines[i + 1].text.strip() or self.lines[i + 1].gap_before
        return above and below
