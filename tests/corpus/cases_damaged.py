"""Damaged PDFs: the sample referater (sample_docs/*.pdf, made by make_pdfs.py) cut, with a page,
a content stream or a font broken or taken out, and small hand-made PDFs whose text has no Unicode
map, whose pages are rotated or set vertically. Deterministic: the same bytes on every run.

    variants(pdf_bytes_by_stem) -> [(name, bytes)]   every damaged copy (tests/test_damaged.py sweeps them)
    make(out)                                         writes them, and the hand-made ones, into out/

`expected-damaged.toml` beside this file holds the cases with a fixed outcome.
"""
from __future__ import annotations

import random
import re
import zlib
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent.parent / "sample_docs"
_OBJ = re.compile(rb"(\d+) 0 obj\n(.*?)\nendobj\n", re.DOTALL)


class Pdf:
    """A reportlab PDF as its numbered objects, so that one of them can be broken and the file written again
    with a correct cross-reference table (the damage is then only the one meant)."""

    def __init__(self, data: bytes):
        self.data = data
        self.head = data[: data.index(b"1 0 obj")]
        self.objects: dict[int, bytes] = {int(m.group(1)): m.group(2) for m in _OBJ.finditer(data)}
        trailer = data[data.rindex(b"trailer"):]
        self.root = int(re.search(rb"/Root (\d+) 0 R", trailer).group(1))
        self.info = re.search(rb"/Info (\d+) 0 R", trailer)
        self.pages_id = next(n for n, body in self.objects.items() if b"/Type /Pages" in body)
        kids = re.search(rb"/Kids \[([^\]]*)\]", self.objects[self.pages_id]).group(1)
        self.kids = [int(k) for k in re.findall(rb"(\d+) 0 R", kids)]

    def contents(self, page: int) -> int:
        return int(re.search(rb"/Contents (\d+) 0 R", self.objects[self.kids[page]]).group(1))

    def fonts(self) -> dict[bytes, int]:
        """Font name (F1, F2, …) → object number, from the font dictionary the pages share."""
        for body in self.objects.values():
            found = re.findall(rb"/(F\d+) (\d+) 0 R", body)
            if found and body.lstrip().startswith(b"<<") and b"/Type" not in body:
                return {name: int(n) for name, n in found}
        return {}

    def write(self) -> bytes:
        out = bytearray(self.head)
        offsets: dict[int, int] = {}
        for n in sorted(self.objects):
            offsets[n] = len(out)
            out += b"%d 0 obj\n" % n + self.objects[n] + b"\nendobj\n"
        size = max(max(self.objects), self.root) + 1
        xref = len(out)
        out += b"xref\n0 %d\n0000000000 65535 f \n" % size
        for n in range(1, size):
            out += b"%010d 00000 n \n" % offsets[n] if n in offsets else b"0000000000 65535 f \n"
        info = b" /Info %s 0 R" % self.info.group(1) if self.info and int(self.info.group(1)) in self.objects else b""
        out += b"trailer\n<< /Root %d 0 R /Size %d%s >>\nstartxref\n%d\n%%%%EOF\n" % (self.root, size, info, xref)
        return bytes(out)


def _stream_parts(body: bytes) -> tuple[bytes, bytes, bytes]:
    """(dictionary and 'stream' keyword, data, 'endstream' and after)."""
    start = body.index(b"stream\n") + len(b"stream\n")
    end = body.rindex(b"endstream")
    return body[:start], body[start:end], body[end:]


def _replace_stream(pdf: Pdf, obj: int, data: bytes, fix_length: bool = True) -> None:
    head, _, tail = _stream_parts(pdf.objects[obj])
    if fix_length:
        head = re.sub(rb"/Length \d+", b"/Length %d" % len(data), head)
    pdf.objects[obj] = head + data + tail


def _plain_content(pdf: Pdf, page: int) -> bytes:
    """A page's content stream decoded (reportlab: ASCII85, then Flate)."""
    import base64

    _, data, _ = _stream_parts(pdf.objects[pdf.contents(page)])
    raw = data.strip().removeprefix(b"<~").removesuffix(b"~>")
    return zlib.decompress(base64.a85decode(raw, adobe=False, ignorechars=b" \t\n\r\x0b"))


def _set_plain_content(pdf: Pdf, page: int, content: bytes) -> None:
    obj = pdf.contents(page)
    head, _, tail = _stream_parts(pdf.objects[obj])
    head = re.sub(rb"/Filter \[[^\]]*\]|/Filter /\w+", b"/Filter /FlateDecode", head)
    data = zlib.compress(content)
    head = re.sub(rb"/Length \d+", b"/Length %d" % len(data), head)
    pdf.objects[obj] = head + data + b"\n" + tail


def damages(data: bytes) -> list[tuple[str, bytes]]:
    """Every way this PDF is broken, by name. A page named by its index counts from 0."""
    rnd = random.Random(len(data))
    base = Pdf(data)
    n = len(base.kids)
    mid, last = n // 2, n - 1
    out: list[tuple[str, bytes]] = []

    def variant(name: str, change) -> None:
        pdf = Pdf(data)
        change(pdf)
        out.append((name, pdf.write()))

    for frac in (0.35, 0.6, 0.85, 0.97):
        out.append((f"cut-{int(frac * 100)}", data[: int(len(data) * frac)]))
    for page in (mid, last):
        def garbage(pdf, page=page):
            obj = pdf.contents(page)
            head, stream, tail = _stream_parts(pdf.objects[obj])
            a = len(stream) // 3
            stream = stream[:a] + bytes(rnd.getrandbits(8) for _ in range(40)) + stream[a + 40:]
            pdf.objects[obj] = head + stream + tail
        variant(f"stream-garbage-p{page}", garbage)

        def cut_stream(pdf, page=page):
            obj = pdf.contents(page)
            _, stream, _ = _stream_parts(pdf.objects[obj])
            _replace_stream(pdf, obj, stream[: len(stream) // 2])
        variant(f"stream-cut-p{page}", cut_stream)
        variant(f"content-missing-p{page}", lambda pdf, page=page: pdf.objects.pop(pdf.contents(page)))
        variant(f"page-missing-p{page}", lambda pdf, page=page: pdf.objects.pop(pdf.kids[page]))

    def plain_cut(pdf):  # the content decodes, but stops half way through the page's operators
        content = _plain_content(pdf, mid)
        _set_plain_content(pdf, mid, content[: len(content) // 2])
    variant(f"content-half-p{mid}", plain_cut)

    def plain_garbage(pdf):  # the operators themselves broken: a string never closed
        content = _plain_content(pdf, mid)
        at = content.index(b"(", len(content) // 3)
        _set_plain_content(pdf, mid, content[:at] + b"(" + content[at:].replace(b")", b"", 3))
    variant(f"content-unclosed-p{mid}", plain_garbage)

    def kid_dropped(pdf):
        body = pdf.objects[pdf.pages_id]
        pdf.objects[pdf.pages_id] = body.replace(b"%d 0 R " % pdf.kids[mid], b"", 1)
    variant(f"kid-dropped-p{mid}", kid_dropped)

    def count_more(pdf):
        body = pdf.objects[pdf.pages_id]
        pdf.objects[pdf.pages_id] = re.sub(rb"/Count \d+", b"/Count %d" % (n + 2), body)
    variant("count-more", count_more)

    def length_short(pdf):
        obj = pdf.contents(mid)
        pdf.objects[obj] = re.sub(rb"/Length (\d+)", lambda m: b"/Length %d" % (int(m.group(1)) // 3), pdf.objects[obj])
    variant(f"length-short-p{mid}", length_short)

    def filter_wrong(pdf):
        obj = pdf.contents(mid)
        pdf.objects[obj] = re.sub(rb"/Filter \[[^\]]*\]", b"/Filter /FlateDecode", pdf.objects[obj])
    variant(f"filter-wrong-p{mid}", filter_wrong)

    def header_broken(pdf):  # the object's own header mangled: it is no longer found where the xref says
        obj = pdf.contents(mid)
        pdf.objects[obj] = pdf.objects[obj].replace(b"stream\n", b"strm\n", 1)
    variant(f"stream-keyword-p{mid}", header_broken)

    fonts = base.fonts()
    regular = fonts.get(b"F1")
    if regular is not None:
        variant("font-missing", lambda pdf: pdf.objects.pop(regular))
        # no /Encoding: read with the standard encoding, so that æ, ø, å and the dashes come out as other signs
        variant("font-no-encoding", lambda pdf: pdf.objects.__setitem__(
            regular, b"<< /BaseFont /Symbol /Name /F1 /Subtype /Type1 /Type /Font >>"))
        def differences(glyphs: list[bytes]) -> bytes:
            return (b"<< /BaseFont /Helvetica /Name /F1 /Subtype /Type1 /Type /Font /Encoding << /Type /Encoding "
                    b"/Differences [ 33 " + b" ".join(glyphs) + b" ] >> >>")
        pua = [b"/uniF0%02X" % i for i in range(33, 256)]
        variant("font-private-use", lambda pdf: pdf.objects.__setitem__(regular, differences(pua)))
        greek = [b"/" + g for g in b"alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi "
                 b"rho sigma tau upsilon phi chi psi omega".split()] * 10
        variant("font-greek", lambda pdf: pdf.objects.__setitem__(regular, differences(greek[:223])))
        variant("font-type0-no-unicode", lambda pdf: pdf.objects.__setitem__(
            regular, b"<< /BaseFont /Helvetica /Name /F1 /Subtype /Type0 /Type /Font /Encoding /Identity-H "
                     b"/DescendantFonts [ << /Type /Font /Subtype /CIDFontType2 /BaseFont /Helvetica "
                     b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >> ] >>"))

    def startxref_wrong(data=data):
        at = data.rindex(b"startxref\n") + len(b"startxref\n")
        return data[:at] + b"999" + data[at:]
    out.append(("startxref-wrong", startxref_wrong()))
    for k, frac in enumerate((0.3, 0.55, 0.8)):
        at = int(len(data) * frac)
        out.append((f"zeros-{k}", data[:at] + b"\0" * 600 + data[at + 600:]))
    for k in range(3):
        flipped = bytearray(data)
        for _ in range(12):
            at = rnd.randrange(len(flipped))
            flipped[at] = rnd.getrandbits(8)
        out.append((f"flips-{k}", bytes(flipped)))
    return out


def variants(stems: list[str] | None = None) -> list[tuple[str, str, bytes]]:
    """(sample stem, damage name, bytes) for the sample PDFs named (default: all)."""
    paths = sorted(SAMPLES.glob("*.pdf"))
    out = []
    for path in paths:
        if stems is None or path.stem in stems:
            out.extend((path.stem, name, data) for name, data in damages(path.read_bytes()))
    return out


# -- hand-made PDFs: text without a Unicode map, rotated and vertical pages
ITEM = ["1. Budgetopfølgning", "Åben sag", "Sagsgang", "DIR", "Sagsfremstilling",
        "Økonomiafdelingen har udarbejdet en opfølgning på budgettet.", "Indstilling",
        "Det indstilles, at opfølgningen tages til efterretning.", "Beslutning i Direktionen den 03-03-2025",
        "Taget til efterretning."]


def _item(number: int) -> list[str]:
    return [f"{number}. Punkt nummer {number}", *ITEM[1:]]


def _hand_pdf(pages: list[bytes], font: bytes, rotate: list[int] | None = None) -> bytes:
    """A PDF written by hand: one content stream per page, one font F1."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(len(pages)))
               + b"] /Count %d >>" % len(pages), font]
    for i, content in enumerate(pages):
        turn = b" /Rotate %d" % rotate[i] if rotate and rotate[i] else b""
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                       b"/Resources << /Font << /F1 3 0 R >> >>%s >>" % (5 + 2 * i, turn))
        stream = zlib.compress(content)
        objects.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def _lines_content(lines: list[str], matrix: str = "1 0 0 1 56 780", two_byte: bool = False) -> bytes:
    ops = [b"BT /F1 11 Tf %s Tm 14 TL" % matrix.encode()]
    for line in lines:
        if two_byte:
            ops.append(b"<" + line.encode("utf-16-be").hex().encode() + b"> Tj T*")
        else:
            ops.append(b"(" + line.encode("cp1252").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
                       + b") Tj T*")
    ops.append(b"ET")
    return b"\n".join(ops)


def hand_made() -> dict[str, bytes]:
    pages = [_item(n) for n in (1, 2, 3)]
    cid_font = (b"<< /Type /Font /Subtype /Type0 /BaseFont /Arial /Encoding /Identity-H /DescendantFonts [ << /Type /Font "
                b"/Subtype /CIDFontType2 /BaseFont /Arial /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) "
                b"/Supplement 0 >> /DW 500 >> ] >>")
    return {
        "three-items.pdf": _hand_pdf([_lines_content(p) for p in pages], HELVETICA),
        # codes with no ToUnicode and no font program: pdfminer gives (cid:N)
        "cid-only.pdf": _hand_pdf([_lines_content(p, two_byte=True) for p in pages], cid_font),
        # the middle page has no text at all (a scanned page between text pages)
        "blank-middle.pdf": _hand_pdf([_lines_content(pages[0]), b"0 0 1 rg 80 80 400 600 re f",
                                       _lines_content(pages[2])], HELVETICA),
        # the middle page is turned a quarter (/Rotate 90): its text runs down the screen
        "rotate-90.pdf": _hand_pdf([_lines_content(p) for p in pages], HELVETICA, rotate=[0, 90, 0]),
        "rotate-270.pdf": _hand_pdf([_lines_content(p) for p in pages], HELVETICA, rotate=[0, 270, 0]),
        # a page laid out sideways in its content (a landscape page): text set bottom to top
        "sideways.pdf": _hand_pdf([_lines_content(pages[0]), _lines_content(pages[1], "0 1 -1 0 60 56"),
                                   _lines_content(pages[2])], HELVETICA),
        # a landscape page shown upright: /Rotate 90 and content drawn turned back (reads normally)
        "landscape.pdf": _hand_pdf([_lines_content(pages[0]), _lines_content(pages[1], "0 1 -1 0 60 56"),
                                    _lines_content(pages[2])], HELVETICA, rotate=[0, 90, 0]),
    }


def make(out: Path) -> list[Path]:
    folder = out / "damaged"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in hand_made().items():
        (folder / name).write_bytes(data)
        written.append(folder / name)
    # UTF-8 with one stray Windows-1252 byte (an æ typed in another editor): read as UTF-8, flagged on its line
    stray = "\n\n".join(["1. Budgetopfølgning", "Åben sag", "Sagsgang", "DIR", "Sagsfremstilling",
                          "Økonomiafdelingen har udarbejdet en opfølgning på budgettet.", "Indstilling",
                          "Det indstilles, at opfølgningen tages til efterretning."]) + "\n"
    (folder / "stray-byte.txt").write_bytes(stray.encode("utf-8").replace("Sagsgang".encode(), b"Sags\xe6gang"))
    written.append(folder / "stray-byte.txt")
    for stem, name, data in variants(["004_60c343e47a70d8f7"]):
        path = folder / f"{stem[:3]}-{name}.pdf"
        path.write_bytes(data)
        written.append(path)
    return written
