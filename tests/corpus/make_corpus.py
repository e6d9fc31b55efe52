"""Make the corpus of hard inputs: broken, hostile and odd files that the workbench must answer
with a plain sentence (or read as any referat). Deterministic: the same bytes on every run.

    python tests/corpus/make_corpus.py OUT_DIR

`expected.toml` beside this script says, for each file, what must happen. Each area may add a
`cases_<area>.py` (a `make(out)` writing its files) with its own `expected-<area>.toml`.
"""
from __future__ import annotations

import random
import sys
import zlib
from pathlib import Path

TEXT = "1. Første punkt\n\nÅben sag\n\nSagsgang\n\nDIR — økonomi\n\nIndstilling\n\nDet indstilles, at sagen godkendes.\n"


def pdf_bytes(content: bytes, pages: int = 1, extra: bytes = b"") -> bytes:
    """A minimal PDF, written by hand so that its insides can be made as odd as needed."""
    stream = zlib.compress(content)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + b" ".join(f"{4 + i} 0 R".encode() for i in range(pages)) + b"] /Count "
        + str(pages).encode() + b" >>",
        b"<< /Length " + str(len(stream)).encode() + b" /Filter /FlateDecode >>\nstream\n" + stream + b"\nendstream",
    ]
    for _ in range(pages):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R "
                       b"/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >> >> >> "
                       + extra + b">>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def text_content(lines: list[str]) -> bytes:
    ops = [b"BT /F1 11 Tf 56 780 Td 14 TL"]
    for line in lines:
        ops.append(b"(" + line.encode("latin-1").replace(b"(", b"\\(").replace(b")", b"\\)") + b") Tj T*")
    ops.append(b"ET")
    return b"\n".join(ops)


def reportlab_pdf(path: Path, encrypt: str | None = None, pages: int = 1, image_only: bool = False) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    kwargs = {"invariant": 1}
    if encrypt is not None:
        from reportlab.lib.pdfencrypt import StandardEncryption

        kwargs["encrypt"] = StandardEncryption(encrypt, ownerPassword="owner", canPrint=1)
    c = canvas.Canvas(str(path), pagesize=A4, **kwargs)
    for n in range(pages):
        if image_only:
            c.rect(80, 80, 400, 600, fill=1)
        else:
            c.setFont("Helvetica-Bold", 12)
            c.drawString(56, 780, f"{n + 1}. Punkt {n + 1}")
            c.setFont("Helvetica", 10)
            c.drawString(56, 760, "Åben sag")
            c.setFont("Helvetica-Bold", 10)
            c.drawString(56, 740, "Sagsgang")
            c.setFont("Helvetica", 10)
            c.drawString(56, 725, "DIR")
        c.showPage()
    c.save()


def make(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    rnd = random.Random(20261122)
    files: dict[str, bytes] = {
        "empty.txt": b"",
        "blank.txt": b"   \n\n\t\n",
        "zero.pdf": b"",
        "random.pdf": bytes(rnd.getrandbits(8) for _ in range(8192)),
        "page.pdf": b"<!DOCTYPE html><html><head><title>Referat</title></head><body>Gem som PDF</body></html>\n",
        "binary.txt": bytes(rnd.getrandbits(8) for _ in range(4096)),
        "cp1252.txt": TEXT.encode("cp1252"),
        "bom.txt": b"\xef\xbb\xbf" + TEXT.encode("utf-8"),
        "crlf.txt": TEXT.replace("\n", "\r\n").encode("utf-8"),
        "nul.txt": TEXT.replace("Sagsgang", "Sags\x00gang").replace("DIR", "D\x00IR").encode("utf-8"),
        "minimal.pdf": pdf_bytes(text_content(["1. Punkt", "Åben sag", "Sagsgang", "DIR"])),
        # thousands of pages of nothing but text operators: past any sane time limit
        "slow.pdf": pdf_bytes(b"BT /F1 1 Tf " + b"(a) Tj 0.001 0 Td " * 120_000 + b"ET", pages=40),
        # arrays nested far deeper than any reader's recursion
        "nested.pdf": pdf_bytes(text_content(["1. Punkt"]), extra=b"/Deep " + b"[" * 50_000 + b"]" * 50_000 + b" "),
    }
    good = pdf_bytes(text_content(["1. Punkt", "Åben sag", "Sagsgang", "DIR"] * 10), pages=3)
    files["cut.pdf"] = good[: len(good) // 2]
    for name, data in files.items():
        (out / name).write_bytes(data)
    reportlab_pdf(out / "locked.pdf", encrypt="hemmelig")
    reportlab_pdf(out / "open-password.pdf", encrypt="")
    reportlab_pdf(out / "scan.pdf", image_only=True, pages=2)
    reportlab_pdf(out / "long.pdf", pages=12)
    (out / "one-line.txt").write_text("1. Punkt\n\nÅben sag\n\nSagsgang\n\n" + "ord " * 1_300_000 + "\n", encoding="utf-8")
    (out / "a-folder").mkdir(exist_ok=True)
    configs = {
        "config-syntax.toml": "[limits]\nmax_pages = \n",
        "config-unknown-key.toml": "[limits]\nmax_page = 3\n",
        "config-bad-regex.toml": "[patterns]\nitem = ['^(?P<number>\\\\d+)\\\\. (?P<title>.+']\n",
        "config-bad-roster.toml": 'roster = "roster-no-name.toml"\n',
        "roster-no-name.toml": '[[people]]\nname = "Jonas Kroustrup"\n\n[[people]]\ntitles = ["Økonomichef"]\n',
        "record-invalid.toml": 'schema = "referat/1"\n[source\nsha256 = "x"\n',
    }
    for name, text in configs.items():
        (out / name).write_text(text, encoding="utf-8")
    for module in sorted(Path(__file__).parent.glob("cases_*.py")):  # one file of cases per area
        _load(module).make(out)
    return sorted(out.iterdir())


def _load(path: Path):
    import importlib.util

    spec = importlib.util.spec_from_file_location(f"corpus_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    for path in make(Path(sys.argv[1])):
        print(path.name)
