"""Corpus cases for memory and time bounds: PDF bombs (streams that inflate to gigabytes from a
few kB) and a PDF that stalls inside its one page. `expected-bounds.toml` says what must happen.

The bombs are built without ever holding what they inflate to: a zlib stream of zeros flushed
every MiB repeats the same bytes, so N MiB of zeros is that block N times (and its Adler-32 is
known), and compressing that stream once more (a second /FlateDecode) takes it to ~10 kB.
"""
from __future__ import annotations

import struct
import zlib
from pathlib import Path

MIB = 1 << 20


def zeros_zlib(mib: int) -> bytes:
    """The zlib stream of `mib` MiB of zero bytes, made in a few milliseconds whatever its size."""
    c = zlib.compressobj(9)
    first = c.compress(b"\0" * MIB) + c.flush(zlib.Z_FULL_FLUSH)
    block = c.compress(b"\0" * MIB) + c.flush(zlib.Z_FULL_FLUSH)  # every later MiB gives these bytes
    adler = (((mib * MIB) % 65521) << 16) | 1  # Adler-32 of zeros: a stays 1, b counts the bytes
    return first[:2] + block * mib + b"\x03\x00" + struct.pack(">I", adler)


def pdf(page_extra: bytes, streams: list[tuple[bytes, bytes]]) -> bytes:
    """A one-page PDF; `streams` are (dictionary entries, already-encoded data), objects 4, 5, …
    The page's /Contents is object 4."""
    font = b"/Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >>"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << " + font + b" "
        + page_extra + b" >> >>",
    ]
    for entries, data in streams:
        objects.append(b"<< " + entries + b" /Length " + str(len(data)).encode() + b" >>\nstream\n" + data + b"\nendstream")
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


def bomb_stream(mib: int) -> tuple[bytes, bytes]:
    return b"/Filter [/FlateDecode /FlateDecode]", zlib.compress(zeros_zlib(mib), 9)


def text_stream(ops: bytes) -> tuple[bytes, bytes]:
    return b"/Filter /FlateDecode", zlib.compress(ops, 9)


def make(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    text = b"BT /F1 11 Tf 56 780 Td (1. Punkt) Tj ET"
    files = {
        # the page's content stream inflates to 4 GiB of zeros
        "bomb.pdf": pdf(b"", [bomb_stream(4096)]),
        # the page draws a form XObject whose stream inflates to 4 GiB
        "bomb-xobject.pdf": pdf(b"/XObject << /X0 5 0 R >>",
                                [text_stream(text + b"\n/X0 Do"),
                                 (b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] " + bomb_stream(4096)[0],
                                  bomb_stream(4096)[1])]),
        # one page of three million text moves (and one word): long inside one page, memory flat
        "stall.pdf": pdf(b"", [text_stream(b"BT /F1 11 Tf (Punkt) Tj " + b"0.001 0 Td " * 3_000_000 + b"ET")]),
    }
    for name, data in files.items():
        (out / name).write_bytes(data)


if __name__ == "__main__":
    import sys

    make(Path(sys.argv[1]))
