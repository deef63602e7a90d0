"""Accessibility audit with axe-core (shipped by axe-selenium-python) of every page kind in every locale.

Fails on any serious or critical violation, in the light and the dark colour
scheme. Full results go to ``test-output/browser/axe/<page>.json``; moderate
and minor findings are listed at the end of the run without failing it.
"""

from __future__ import annotations

import json

import pytest
from axe_selenium_python import Axe

from browser import DESKTOP
from contrast import measure
from pages import PAGE_KINDS, sample_pages

BLOCKING = ("critical", "serious")
LOCALES = ["en", "fr", "tr", "ar", "he"]
SCHEMES = ["light", "dark"]

# axe-core 3.1.1, the version axe-selenium-python 2.1.6 ships, reports valid
# HTML in two rules that later axe-core versions fixed. Only the nodes matching
# the fixed case are dropped (``el`` is the flagged element); the rules still
# run and catch everything else. Applies to axe-core 3.x only.
AXE_3_FALSE_POSITIVES = {
    # <dl><div><dt>…</dt><dd>…</dd></div></dl> is valid since HTML 5.2
    # (dequelabs/axe-core#1265, fixed in axe-core 3.2).
    "dlitem": "const p = el.parentElement;"
              " return !!p && p.tagName === 'DIV' && !!p.parentElement && p.parentElement.tagName === 'DL';",
    # autocomplete="off" (or "on") is valid on every input type (dequelabs/axe-core#1109).
    "autocomplete-valid": "return ['on', 'off'].includes((el.getAttribute('autocomplete') || '').trim().toLowerCase());",
}

# Lesser findings of the whole run, printed by conftest's terminal summary.
ADVISORIES: list[str] = []


def format_violations(violations: list[dict], page: str) -> str:
    """A readable report: rule id, impact, what it means, and each offending element with axe's reason."""
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}) on {page}: {v['help']}  [{v['helpUrl']}]")
        for node in v["nodes"]:
            target = " ".join(node["target"])
            reasons = [check["message"] for kind in ("any", "all", "none") for check in node.get(kind, [])]
            lines.append(f"    {target}: {'; '.join(reasons) or node.get('failureSummary', '')}")
            lines.append(f"        {node['html'][:160]}")
    return "\n".join(lines)


def audit(browser, server, path: str, name: str, scheme: str) -> str:
    """Open ``path`` in ``scheme``, run axe-core, save the results; return the report of blocking problems ("" if none)."""
    browser.set_viewport(DESKTOP)
    browser.set_color_scheme(scheme)
    browser.open(server.url(path))
    browser.screenshot(f"axe-{name}-{scheme}")
    axe = Axe(browser.driver)
    axe.inject()
    results = axe.run()
    folder = browser.screenshots / "axe"
    folder.mkdir(exist_ok=True)
    (folder / f"{name}-{scheme}.json").write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    page = f"/{path} ({scheme})"
    if browser.js("return axe.version").startswith("3."):
        results["violations"] = _without_known_false_positives(browser, results["violations"])
    lesser = [v for v in results["violations"] if v["impact"] not in BLOCKING]
    if lesser:
        ADVISORIES.append(format_violations(lesser, page))
    report = format_violations([v for v in results["violations"] if v["impact"] in BLOCKING], page)

    # Contrast axe-core could not decide ("incomplete"), measured with Chromium's help.
    undecided = [n["target"][0] for v in results["incomplete"] if v["id"] == "color-contrast"
                 for n in v["nodes"] if len(n["target"]) == 1]
    findings = [f for selector in undecided for f in measure(browser.driver, selector)]
    low = [f for f in findings if f.ratio is not None and f.ratio < f.required]
    unknown = [f for f in findings if f.ratio is None]
    if unknown:
        ADVISORIES.append(f"contrast not measurable on {page}:\n" + "\n".join(f"    {f}" for f in unknown))
    if low:
        report += ("\n" if report else "") + f"color-contrast (serious) on {page}, measured where axe-core could not decide:\n" \
            + "\n".join(f"    {f}" for f in low)
    return report


def _without_known_false_positives(browser, violations: list[dict]) -> list[dict]:
    kept = []
    for v in violations:
        predicate = AXE_3_FALSE_POSITIVES.get(v["id"])
        if predicate:
            check = "const el = document.querySelector(arguments[0]); if (!el) return false; " + predicate
            v = dict(v, nodes=[n for n in v["nodes"] if len(n["target"]) != 1 or not browser.js(check, n["target"][0])])
        if v["nodes"]:
            kept.append(v)
    return kept


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("kind", PAGE_KINDS)
@pytest.mark.parametrize("locale", LOCALES)
def test_no_serious_accessibility_violations(browser, site, server, locale, kind, scheme):
    path = sample_pages(site, locale)[kind]
    report = audit(browser, server, path, f"{locale}-{kind}", scheme)
    assert not report, f"serious or critical accessibility problems on /{path} ({scheme}):\n{report}"


@pytest.mark.parametrize("scheme", SCHEMES)
def test_language_picker_at_the_root_has_no_serious_accessibility_violations(browser, server, scheme):
    report = audit(browser, server, "", "root", scheme)
    assert not report, f"serious or critical accessibility problems on / ({scheme}):\n{report}"
