"""Small drawn pieces the forms share: ruled lines to write on and 1–5 boxes to tick."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from cscoach.printing.base import FONT, INK, MUTED, RULE, shorten


class RuledLines(Flowable):
    """``count`` lines to write on, ``spacing`` apart."""

    def __init__(self, count: int, spacing: float = 9 * mm) -> None:
        super().__init__()
        self.count = count
        self.spacing = spacing

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, self.count * self.spacing + 2 * mm

    def draw(self) -> None:
        c = self.canv
        c.setStrokeColor(RULE)
        c.setLineWidth(0.6)
        for n in range(1, self.count + 1):
            y = self.count * self.spacing + 2 * mm - n * self.spacing
            c.line(0, y, self.width, y)


class RatingBoxes(Flowable):
    """Five boxes numbered 1–5 with what the ends mean (the question's own words), for a
    pen."""

    box = 7 * mm
    gap = 9 * mm

    def __init__(self, low: str = "low", high: str = "high") -> None:
        super().__init__()
        self.low = low
        self.high = high

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, self.box + 8 * mm

    def draw(self) -> None:
        c = self.canv
        y = 4 * mm
        for n in range(5):
            x = n * (self.box + self.gap)
            c.setStrokeColor(INK)
            c.setLineWidth(0.8)
            c.rect(x, y, self.box, self.box)
            c.setFillColor(MUTED)
            c.setFont(FONT, 8)
            c.drawCentredString(x + self.box / 2, y - 3.5 * mm, str(n + 1))
        c.setFont(FONT, 8.5)
        start = 5 * self.box + 4 * self.gap + 6 * mm
        room = self.width - start

        def fit(value: str) -> str:
            return shorten(" ".join(value.split()), room, lambda v: c.stringWidth(v, FONT, 8.5))

        both = f"1 = {self.low}    5 = {self.high}"
        if c.stringWidth(both, FONT, 8.5) <= room:
            c.drawString(start, y + 2 * mm, both)
        else:  # one end a line, each cut short with "…" if it still does not fit
            c.drawString(start, y + 4 * mm, fit(f"1 = {self.low}"))
            c.drawString(start, y, fit(f"5 = {self.high}"))


class NameLine(Flowable):
    """ "Label ______" across the page."""

    def __init__(self, label: str, hint: str = "") -> None:
        super().__init__()
        self.label = label
        self.hint = hint

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, 12 * mm

    def draw(self) -> None:
        c = self.canv
        c.setFillColor(INK)
        c.setFont(FONT, 10.5)
        c.drawString(0, 4 * mm, self.label)
        start = c.stringWidth(self.label, FONT, 10.5) + 3 * mm
        end = self.width * 0.62
        c.setStrokeColor(RULE)
        c.setLineWidth(0.6)
        c.line(start, 3.5 * mm, end, 3.5 * mm)
        if self.hint:
            c.setFillColor(MUTED)
            c.setFont(FONT, 8.5)
            c.drawString(end + 4 * mm, 4 * mm, self.hint)
