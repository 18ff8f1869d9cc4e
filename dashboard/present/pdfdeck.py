"""The board pack as PDF, for those who do not use PowerPoint: the same slides as the .pptx
(boardpack.build_deck drives both through one interface, so content, labels and the
synthetic-data footer cannot drift apart), laid out as 16:9 HTML pages at the same positions
and printed by the headless Chromium the server already has for PNG charts (no LibreOffice).
Pure functions plus one subprocess; no Streamlit."""

from __future__ import annotations

import base64
import html
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from dashboard.present.slidedeck import Box, SlideDeck

WIDTH_IN, HEIGHT_IN = 13.333, 7.5
PRINT_TIMEOUT_S = 120


class PdfUnavailable(RuntimeError):
    """No Chromium to print with."""


def chromium() -> str | None:
    """The browser that prints: $BROWSER_PATH (as for kaleido) or chromium on PATH."""
    return (
        os.environ.get("BROWSER_PATH")
        or shutil.which("chromium")
        or shutil.which("chromium-browser")
        or shutil.which("google-chrome")
    )


def pdf_available() -> bool:
    return chromium() is not None


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


class HtmlDeck(SlideDeck):
    """The SlideDeck interface (slidedeck.py) writing HTML pages of 13.333 x 7.5 inches,
    positioned in inches and sized in points like the .pptx."""

    def __init__(self, footer: list[str], lang: str = "nl"):
        super().__init__(footer)
        self.lang = lang
        self.slides: list[list] = []

    def slide(self, title: str, footer: list[str] | None = None) -> list:
        parts: list = [f'<h1 class="title">{_esc(title)}</h1>']
        foot = "".join(
            f'<p class="{"synthetic" if "ynthe" in line else "grey"}">{_esc(line)}</p>'
            for line in (self.footer if footer is None else footer)
        )
        parts.append(f'<div class="footer">{foot}</div>')
        self.slides.append(parts)
        return parts

    @staticmethod
    def _box(box: Box) -> str:
        return f"left:{box.left}in;top:{box.top}in;width:{box.width}in;height:{box.height}in;"

    def _text(self, slide, lines: list[str], box: Box, size: int):
        body = "".join(f"<p>{_esc(line) or '&nbsp;'}</p>" for line in lines)
        slide.append(f'<div class="box" style="{self._box(box)}font-size:{size}pt">{body}</div>')
        return slide

    def _table(self, slide, rows: list[list[str]], box: Box, size: int):
        head = "".join(f"<th>{_esc(c)}</th>" for c in rows[0])
        body = "".join(
            "<tr>" + "".join(f"<td>{_esc(c)}</td>" for c in row) + "</tr>" for row in rows[1:]
        )
        slide.append(
            f'<table style="{self._box(box)}font-size:{size}pt">'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        )
        return slide

    def _reserve(self, slide) -> tuple[list, int]:
        slide.append("")  # filled with the picture when the deck is printed
        return slide, len(slide) - 1

    def _picture(self, where, box: Box, png: bytes) -> None:
        slide, k = where
        data = base64.b64encode(png).decode("ascii")
        slide[k] = f'<img alt="" src="data:image/png;base64,{data}" style="{self._box(box)}">'

    def html(self) -> str:
        pages = "".join(f'<section class="slide">{"".join(s)}</section>' for s in self.slides)
        return f"""<!doctype html>
<html lang="{self.lang}"><head><meta charset="utf-8"><title>IPSO</title><style>
@page {{ size: {WIDTH_IN}in {HEIGHT_IN}in; margin: 0; }}
* {{ box-sizing: border-box; }}
body {{ margin: 0; font-family: "Source Sans Pro", "DejaVu Sans", Arial, sans-serif;
  color: #1F2933; }}
.slide {{ position: relative; width: {WIDTH_IN}in; height: {HEIGHT_IN}in; overflow: hidden;
  page-break-after: always; break-after: page; }}
.title {{ position: absolute; left: 0.5in; top: 0.3in; width: 12.3in; margin: 0;
  font-size: 30pt; font-weight: 600; }}
.box, table, img {{ position: absolute; }}
.box p {{ margin: 0 0 0.3em 0; }}
table {{ border-collapse: collapse; }}
th {{ background: #0072B2; color: white; text-align: left; padding: 0.2em 0.4em; }}
td {{ border-bottom: 1px solid #d0d7de; padding: 0.2em 0.4em; }}
tbody tr:nth-child(even) td {{ background: #F3F5F8; }}
.footer {{ position: absolute; left: 0.4in; top: 6.75in; width: 12.5in; font-size: 10pt; }}
.footer p {{ margin: 0; }}
.grey {{ color: #555555; }}
.synthetic {{ color: #B05A00; }}
</style></head><body>{pages}</body></html>"""

    def bytes(self) -> bytes:
        self._place_pictures()
        return html_to_pdf(self.html())


def html_to_pdf(page: str) -> bytes:
    """Print an HTML document to PDF with headless Chromium, offline (a file URL, no network)."""
    browser = chromium()
    if browser is None:
        raise PdfUnavailable("no Chromium to print the PDF (apt-get install chromium)")
    with tempfile.TemporaryDirectory(prefix="ipso-pdf-") as tmp:
        source, out = Path(tmp) / "pack.html", Path(tmp) / "pack.pdf"
        source.write_text(page, encoding="utf-8")
        cmd = [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--no-first-run",
            f"--user-data-dir={Path(tmp) / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={out}",
            source.as_uri(),
        ]
        result = subprocess.run(cmd, capture_output=True, timeout=PRINT_TIMEOUT_S, check=False)
        if not out.exists() or out.stat().st_size == 0:
            raise PdfUnavailable(
                f"Chromium did not print the PDF (exit {result.returncode}): "
                + result.stderr.decode(errors="replace")[-500:]
            )
        return out.read_bytes()


def pdf_texts(data: bytes) -> list[str]:
    """The text of every page, for tests and checks (needs pypdf, a dev dependency)."""
    import io

    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]
