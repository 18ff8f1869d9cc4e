"""The one interface the board pack's slides are written through (slide, text, table, image,
bytes), shared by the PowerPoint deck (boardpack.Deck) and its PDF twin (pdfdeck.HtmlDeck): the
default boxes of text and tables, the chart boxes under the title, the note in place of a chart
where static export is missing, and the queue that exports every chart of a deck at once (the
browser behind plotly's static export starts once). A subclass only draws: text, a table, a
placeholder for a picture and the picture itself. Pure functions; no Streamlit."""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go

from dashboard.present import export

BODY_TOP, BODY_BOTTOM = 1.35, 6.55  # inches: under the title, above the footer
# Pixels per inch of a placed chart: a 12-inch wide chart is drawn 1200 px wide, so plotly's
# 14-16 px fonts land at 10-12 pt on the slide; exported at twice that for a sharp picture.
PX_PER_INCH = 100
SLIDE_FONT = 16


@dataclass(frozen=True)
class Box:
    """A place on a slide, in inches from its top left corner."""

    left: float
    top: float
    width: float
    height: float


def slide_figure(fig: go.Figure, width: float, height: float) -> go.Figure:
    """A copy of `fig` sized for a box of `width` x `height` inches on a slide: slide fonts,
    margins that grow with the labels (automargin) and no on-screen interaction hints."""
    out = go.Figure(fig)
    out.update_layout(
        width=round(width * PX_PER_INCH),
        height=round(height * PX_PER_INCH),
        font={"size": SLIDE_FONT},
    )
    out.update_xaxes(automargin=True)
    out.update_yaxes(automargin=True)
    return out


class SlideDeck:
    """A 16:9 deck whose every slide gets a title and a footer (`slide`, in the subclass)."""

    def __init__(self, footer: list[str]):
        self.footer = footer
        self.pending: list[tuple] = []  # (where the picture goes, its figure, its Box)

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
        return self._text(slide, lines, Box(left, top, width, height), size)

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
        return self._table(slide, rows, Box(left, top, width, height), size)

    def image(
        self,
        slide,
        fig: go.Figure | None,
        note: str,
        top: float = BODY_TOP,
        left: float = 0.6,
        width: float = 12.1,
        height: float | None = None,
    ) -> None:
        """Place `fig` in the box (inches; by default down to the footer), drawn at the box's own
        aspect ratio, so nothing is squeezed and its labels keep their size; where static export
        is not available, `note` stands in its place."""
        height = (BODY_BOTTOM - top) if height is None else height
        if fig is None or not export.png_available():
            self.text(slide, [note], top=top + 1, left=left, width=width, size=16)
            return
        box = Box(left, top, width, height)
        self.pending.append((self._reserve(slide), slide_figure(fig, width, height), box))

    def _place_pictures(self) -> None:
        """Export every queued chart at once and put each in its place."""
        if not self.pending:
            return
        pngs = export.figures_png(
            [fig for _, fig, _ in self.pending],
            [(b.width * PX_PER_INCH, b.height * PX_PER_INCH) for *_, b in self.pending],
            scale=2,
        )
        for (where, _, box), png in zip(self.pending, pngs, strict=True):
            self._picture(where, box, png)
        self.pending = []

    # What a subclass draws with.
    def _text(self, slide, lines: list[str], box: Box, size: int):
        raise NotImplementedError

    def _table(self, slide, rows: list[list[str]], box: Box, size: int):
        raise NotImplementedError

    def _reserve(self, slide):
        """Where a picture of `slide` will go (by default the slide itself)."""
        return slide

    def _picture(self, where, box: Box, png: bytes) -> None:
        raise NotImplementedError
