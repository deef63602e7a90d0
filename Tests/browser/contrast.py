"""Text contrast where axe-core leaves it "incomplete" (gradients, overlapping boxes, text in controls).

axe-core 3.1 cannot decide many of these; Chromium can tell what lies behind
an element (DevTools ``CSS.getBackgroundColors``, which resolves gradients and
stacked layers into the colours seen behind the text), so the ratio is
computed here with WCAG 2's formula against each of those colours.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_RGB = re.compile(r"rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)")


def parse_color(css: str) -> tuple[float, float, float, float] | None:
    """``rgb(…)``/``rgba(…)`` as (r, g, b, alpha) with channels 0–255; None for other notations."""
    m = _RGB.fullmatch(css.strip())
    if not m:
        return None
    alpha = m.group(4)
    a = 1.0 if alpha is None else (float(alpha[:-1]) / 100 if alpha.endswith("%") else float(alpha))
    return float(m.group(1)), float(m.group(2)), float(m.group(3)), a


def _blend(fg, bg):
    r, g, b, a = fg
    return tuple(a * c + (1 - a) * d for c, d in zip((r, g, b), bg[:3])) + (1.0,)


def _luminance(color) -> float:
    def channel(c):
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in color[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(foreground, background) -> float:
    """WCAG 2 contrast ratio of a (possibly translucent) foreground over an opaque background."""
    fg = _blend(foreground, background)
    light, dark = sorted((_luminance(fg), _luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def required_ratio(font_size_px: float, font_weight: int) -> float:
    """4.5:1, or 3:1 for large text (at least 24px, or 18.66px bold)."""
    large = font_size_px >= 24 or (font_size_px >= 18.66 and font_weight >= 700)
    return 3.0 if large else 4.5


@dataclass
class Finding:
    selector: str
    text: str
    ratio: float | None
    required: float
    detail: str

    def __str__(self) -> str:
        measured = f"{self.ratio:.2f}:1" if self.ratio is not None else "unknown"
        return f"{self.selector} {self.text!r}: contrast {measured}, needs {self.required}:1 ({self.detail})"


# Marks the elements that directly hold visible text inside the flagged one
# (a button's label is often in a child span) so DevTools can find them.
_MARK_TEXT_HOLDERS_JS = """
const flagged = document.querySelector(arguments[0]), found = [];
if (!flagged) return found;
const walker = document.createTreeWalker(flagged, NodeFilter.SHOW_TEXT);
for (let n = walker.nextNode(); n; n = walker.nextNode()) {
  const el = n.parentElement;
  if (!n.textContent.trim() || el.hasAttribute('data-ak-contrast')) continue;
  if (!el.checkVisibility({opacityProperty: true, visibilityProperty: true})) continue;
  const r = el.getBoundingClientRect();
  if (r.width <= 1 || r.height <= 1) continue;  // visually hidden
  el.setAttribute('data-ak-contrast', String(found.length));
  found.push({color: getComputedStyle(el).color, text: el.textContent.trim().slice(0, 40)});
}
return found;
"""


def measure(driver, selector: str) -> list[Finding]:
    """The contrast of each visible piece of text inside the element ``selector`` names."""
    holders = driver.execute_script(_MARK_TEXT_HOLDERS_JS, selector)
    findings = []
    try:
        if not holders:
            return findings
        driver.execute_cdp_cmd("DOM.enable", {})
        driver.execute_cdp_cmd("CSS.enable", {})
        root = driver.execute_cdp_cmd("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
        for index, holder in enumerate(holders):
            marker = f'[data-ak-contrast="{index}"]'
            node = driver.execute_cdp_cmd("DOM.querySelector", {"nodeId": root, "selector": marker})["nodeId"]
            behind = driver.execute_cdp_cmd("CSS.getBackgroundColors", {"nodeId": node})
            findings.append(_finding(selector, holder, behind))
    finally:
        driver.execute_script("for (const el of document.querySelectorAll('[data-ak-contrast]')) el.removeAttribute('data-ak-contrast')")
    return findings


def _finding(selector: str, holder: dict, behind: dict) -> Finding:
    required = required_ratio(float(behind.get("computedFontSize", "16px").rstrip("px")),
                              int(float(behind.get("computedFontWeight", "400"))))
    foreground = parse_color(holder["color"])
    backgrounds = [parse_color(c) for c in behind.get("backgroundColors") or []]
    detail = f"text {holder['color']} over {behind.get('backgroundColors')}"
    if foreground is None or not backgrounds or None in backgrounds:
        return Finding(selector, holder["text"], None, required, detail + ": Chromium cannot tell either")
    ratio = min(contrast_ratio(foreground, bg) for bg in backgrounds)
    return Finding(selector, holder["text"], ratio, required, detail)
