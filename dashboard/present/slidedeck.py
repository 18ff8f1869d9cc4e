"""The one interface the board pack's slides are written through (slide, text, table, image,
bytes), shared by the PowerPoint deck (boardpack.Deck) and its PDF twin (pdfdeck.HtmlDeck): the
default boxes of text and tables, the chart boxes under the title, the note in place of a chart
where static export is missing, and the queue that exports every chart of a deck at once (the
browser behind plotly's static export starts once). A subclass only draws: text, a table, the
spot a picture will take and the picture itself. No Streamlit."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, replace

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


TEXT_BOX = Box(left=0.6, top=1.5, width=12.0, height=4.8)
TABLE_BOX = Box(left=0.6, top=1.5, width=12.0, height=4.5)
CHART_BOX = Box(left=0.6, top=BODY_TOP, width=12.1, height=BODY_BOTTOM - BODY_TOP)


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


class SlideDeck(ABC):
    """A 16:9 deck whose every slide gets a title and a footer (`slide`, in the subclass)."""

    def __init__(self, footer: list[str]):
        self.footer = footer
        self.pending: list[tuple] = []  # (where the picture goes, its figure, its Box)

    # Where text, a table and a chart go unless a slide says otherwise (keywords of Box).
    def text(self, slide, lines: list[str], size: int = 18, **where: float):
        return self._text(slide, lines, replace(TEXT_BOX, **where), size)

    def table(self, slide, rows: list[list[str]], size: int = 14, **where: float):
        return self._table(slide, rows, replace(TABLE_BOX, **where), size)

    def image(self, slide, fig: go.Figure | None, note: str, **where: float) -> None:
        """Place `fig` in its box (by default down to the footer), drawn at the box's own aspect
        ratio, so nothing is squeezed and its labels keep their size; where static export is not
        available, `note` stands in its place."""
        box = replace(CHART_BOX, **where)
        if "height" not in where:
            box = replace(box, height=BODY_BOTTOM - box.top)
        if fig is None or not export.png_available():
            self.text(slide, [note], top=box.top + 1, left=box.left, width=box.width, size=16)
            return
        self.pending.append((self._reserve(slide), slide_figure(fig, box.width, box.height), box))

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
    @abstractmethod
    def _text(self, slide, lines: list[str], box: Box, size: int):
        """Write `lines` in `box` at `size` points; return the shape."""

    @abstractmethod
    def _table(self, slide, rows: list[list[str]], box: Box, size: int):
        """Draw `rows` (the first one the header) as a table in `box`; return the shape."""

    def _reserve(self, slide):
        """Where a picture of `slide` will go (by default the slide itself)."""
        return slide

    @abstractmethod
    def _picture(self, where, box: Box, png: bytes) -> None:
        """Put the exported `png` at `where` (what `_reserve` gave), filling `box`."""
