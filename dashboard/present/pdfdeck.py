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

import plotly.graph_objects as go

from dashboard.present import export

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


class HtmlDeck:
    """The Deck interface of boardpack.py (slide, text, table, image, bytes) writing HTML pages
    of 13.333 x 7.5 inches, positioned in inches and sized in points like the .pptx. Charts are
    queued and exported together (one browser start), as in the .pptx."""

    def __init__(self, footer: list[str], lang: str = "nl"):
        self.footer = footer
        self.lang = lang
        self.slides: list[list] = []
        self.pending: list[tuple] = []  # (slide, its index, figure, left, top, width, height)

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
    def _box(left: float, top: float, width: float, height: float) -> str:
        return f"left:{left}in;top:{top}in;width:{width}in;height:{height}in;"

    def text(
        self,
        slide,
        lines: list[str],
        top: float = 1.5,
        size: int = 18,
        left: float = 0.6,
        width: float = 12.0,
        height: float = 4.8,
    ):
        body = "".join(f"<p>{_esc(line) or '&nbsp;'}</p>" for line in lines)
        slide.append(
            f'<div class="box" style="{self._box(left, top, width, height)}'
            f'font-size:{size}pt">{body}</div>'
        )
        return slide

    def table(
        self,
        slide,
        rows: list[list[str]],
        top: float = 1.5,
        height: float = 4.5,
        left: float = 0.6,
        width: float = 12.0,
        size: int = 14,
    ):
        head = "".join(f"<th>{_esc(c)}</th>" for c in rows[0])
        body = "".join(
            "<tr>" + "".join(f"<td>{_esc(c)}</td>" for c in row) + "</tr>" for row in rows[1:]
        )
        slide.append(
            f'<table style="{self._box(left, top, width, height)}font-size:{size}pt">'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        )
        return slide

    def image(
        self,
        slide,
        fig: go.Figure | None,
        note: str,
        top: float | None = None,
        left: float = 0.6,
        width: float = 12.1,
        height: float | None = None,
    ) -> None:
        """As Deck.image: the chart drawn at its box's own aspect ratio (the same figure the
        .pptx gets), or the note where static export is not available."""
        from dashboard.present.boardpack import BODY_BOTTOM, BODY_TOP, slide_figure

        top = BODY_TOP if top is None else top
        height = (BODY_BOTTOM - top) if height is None else height
        if fig is None or not export.png_available():
            self.text(slide, [note], top=top + 1, left=left, width=width, size=16)
            return
        slide.append("")  # filled with the picture when the deck is printed
        self.pending.append(
            (slide, len(slide) - 1, slide_figure(fig, width, height), left, top, width, height)
        )

    def _pictures(self) -> None:
        from dashboard.present.boardpack import PX_PER_INCH

        if not self.pending:
            return
        pngs = export.figures_png(
            [fig for _, _, fig, *_ in self.pending],
            [(w * PX_PER_INCH, h * PX_PER_INCH) for *_, w, h in self.pending],
            scale=2,
        )
        for (slide, k, _, left, top, width, height), png in zip(self.pending, pngs, strict=True):
            data = base64.b64encode(png).decode("ascii")
            slide[k] = (
                f'<img alt="" src="data:image/png;base64,{data}" '
                f'style="{self._box(left, top, width, height)}">'
            )
        self.pending = []

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
        self._pictures()
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
