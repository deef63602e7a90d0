/*! AnswerKit default theme: copy buttons for approved replies, placeholder
 * highlighting, the "/" search shortcut and the language menu.
 * Classic deferred script, no dependencies. The pure functions are exported
 * for tests under Node; browser wiring only runs when `document` exists. */
(function () {
  "use strict";

  var COPIED_MS = 2000;
  var PLACEHOLDER = /\{\{\s*[^{}\s][^{}]*?\s*\}\}/g;

  /** Text to put on the clipboard: the reply exactly as approved, with
   * normalised line breaks and no leading blank lines or trailing whitespace. */
  function normalizeCopyText(text) {
    return String(text == null ? "" : text)
      .replace(/\r\n?/g, "\n")
      .replace(/^(?:[ \t]*\n)+/, "")
      .replace(/\s+$/, "");
  }

  /** The text a copy button copies: the element named by data-copy-target. */
  function copyTextFor(button, doc) {
    var id = button.getAttribute("data-copy-target");
    if (!id) return null;
    // Reply ids may contain ":" etc., so never build a CSS selector from them.
    var el = doc.getElementById(id);
    if (!el) return null;
    return normalizeCopyText(el.textContent);
  }

  /** Split a reply text into plain and placeholder ("{{name}}") parts. */
  function splitPlaceholders(text) {
    var parts = [];
    var last = 0;
    var m;
    PLACEHOLDER.lastIndex = 0;
    while ((m = PLACEHOLDER.exec(text)) !== null) {
      if (m.index > last) parts.push({ text: text.slice(last, m.index), placeholder: false });
      parts.push({ text: m[0], placeholder: true });
      last = m.index + m[0].length;
    }
    if (last < text.length) parts.push({ text: text.slice(last), placeholder: false });
    return parts;
  }

  /** Show the "copied" (or normal) label of a copy button. */
  function setCopyState(button, state) {
    var copied = state === "copied";
    var label = button.getAttribute(copied ? "data-copied-label" : "data-copy-label");
    var target = (button.querySelector && button.querySelector(".copy-label")) || button;
    if (label) target.textContent = label;
    if (copied) button.setAttribute("data-state", "copied");
    else button.removeAttribute("data-state");
  }

  /** Show "copied" on a button for `ms`, then restore it. Re-clicking restarts the timer. */
  function flashCopied(button, timers, ms) {
    // Wrap the globals: calling window.setTimeout as a method of another object throws "Illegal invocation".
    timers = timers || {
      setTimeout: function (fn, delay) { return setTimeout(fn, delay); },
      clearTimeout: function (id) { clearTimeout(id); }
    };
    if (button._akTimer) timers.clearTimeout(button._akTimer);
    setCopyState(button, "copied");
    button._akTimer = timers.setTimeout(function () {
      button._akTimer = null;
      setCopyState(button, "idle");
    }, ms == null ? COPIED_MS : ms);
  }

  /** Put a message in an aria-live region; clearing first makes repeats audible. */
  function announce(region, message, defer) {
    if (!region) return;
    region.textContent = "";
    (defer || setTimeout)(function () { region.textContent = message; }, 50);
  }

  /** Copy with the hidden-textarea + execCommand trick (non-secure contexts). */
  function fallbackCopy(text, doc) {
    var ta = doc.createElement("textarea");
    ta.value = text;
    ta.setAttribute("readonly", "");
    ta.setAttribute("aria-hidden", "true");
    ta.style.position = "fixed";
    ta.style.insetBlockStart = "0";
    ta.style.opacity = "0";
    ta.style.pointerEvents = "none";
    var active = doc.activeElement;
    doc.body.appendChild(ta);
    ta.select();
    var ok = false;
    try { ok = !!doc.execCommand("copy"); } catch (e) { ok = false; }
    doc.body.removeChild(ta);
    if (active && typeof active.focus === "function") active.focus();
    return ok;
  }

  /** Copy text; resolves true when it reached the clipboard. */
  function copyText(text, env) {
    var nav = env.navigator;
    var doc = env.document;
    var secure = env.isSecureContext !== false;
    var fallback = function () { return fallbackCopy(text, doc); };
    if (secure && nav && nav.clipboard && typeof nav.clipboard.writeText === "function") {
      return Promise.resolve()
        .then(function () { return nav.clipboard.writeText(text); })
        .then(function () { return true; }, fallback);
    }
    return Promise.resolve().then(fallback);
  }

  var TEXT_INPUT = /^(?:text|search|email|url|tel|password|number|date|datetime-local|month|week|time)$/;

  /** True when keystrokes go into a text field, so "/" must not be taken. */
  function isTypingTarget(el) {
    if (!el) return false;
    if (el.isContentEditable) return true;
    var tag = String(el.tagName || "").toUpperCase();
    if (tag === "TEXTAREA" || tag === "SELECT") return true;
    if (tag !== "INPUT") return false;
    var type = String(el.type || el.getAttribute && el.getAttribute("type") || "text").toLowerCase();
    return TEXT_INPUT.test(type);
  }

  /** Whether a keydown should move focus to the search box. */
  function shouldFocusSearch(event, active) {
    if (!event || event.defaultPrevented || event.isComposing) return false;
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return false;
    return !isTypingTarget(event.target) && !isTypingTarget(active);
  }

  /** The `q` parameter of a query string ("?q=a+b" gives "a b"). */
  function queryParam(search, name) {
    var s = String(search || "").replace(/^\?/, "");
    if (!s) return "";
    var pairs = s.split("&");
    for (var i = 0; i < pairs.length; i++) {
      var eq = pairs[i].indexOf("=");
      var key = eq < 0 ? pairs[i] : pairs[i].slice(0, eq);
      if (decodePart(key) === name) return eq < 0 ? "" : decodePart(pairs[i].slice(eq + 1));
    }
    return "";
  }

  function decodePart(s) {
    s = s.replace(/\+/g, " ");
    try { return decodeURIComponent(s); } catch (e) { return s; }
  }

  /** Over-limit check for a reply counter ("280/280" is fine, "281/280" is not). */
  function isOverLimit(length, limit) {
    var n = Number(length);
    var max = Number(limit);
    return isFinite(n) && isFinite(max) && max > 0 && n > max;
  }

  /* ---- browser wiring ---- */

  /** Mark "{{name}}" in a reply text, unless the page already did (AnswerKit
   * renders the marks, and <bdi> isolation, server-side; other themes may not). */
  function highlightPlaceholders(el, doc) {
    if (el.querySelector && el.querySelector("mark.placeholder")) return;
    var text = el.textContent;
    var parts = splitPlaceholders(text);
    if (!parts.some(function (p) { return p.placeholder; })) return;
    var frag = doc.createDocumentFragment();
    parts.forEach(function (p) {
      if (!p.placeholder) { frag.appendChild(doc.createTextNode(p.text)); return; }
      var mark = doc.createElement("mark");
      mark.className = "placeholder";
      mark.textContent = p.text;
      frag.appendChild(mark);
    });
    el.textContent = "";
    el.appendChild(frag);
  }

  function selectContents(el, doc, win) {
    if (!win.getSelection || !doc.createRange) return;
    var range = doc.createRange();
    range.selectNodeContents(el);
    var sel = win.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
  }

  function statusRegion(doc) {
    var region = doc.getElementById("copy-status");
    if (!region) {
      region = doc.createElement("p");
      region.id = "copy-status";
      region.className = "visually-hidden";
      region.setAttribute("role", "status");
      region.setAttribute("aria-live", "polite");
      doc.body.appendChild(region);
    }
    return region;
  }

  function onCopyClick(button, doc, win) {
    var text = copyTextFor(button, doc);
    if (text == null) return;
    copyText(text, { navigator: win.navigator, document: doc, isSecureContext: win.isSecureContext })
      .then(function (ok) {
        if (ok) {
          flashCopied(button);
          announce(statusRegion(doc), button.getAttribute("data-copied-label") || "");
        } else {
          selectContents(doc.getElementById(button.getAttribute("data-copy-target")), doc, win);
          announce(statusRegion(doc), button.getAttribute("data-copy-failed") || "");
        }
      });
  }

  function init(doc, win) {
    var i;
    var texts = doc.querySelectorAll(".reply-text");
    for (i = 0; i < texts.length; i++) highlightPlaceholders(texts[i], doc);

    var counts = doc.querySelectorAll(".reply-count[data-limit]");
    for (i = 0; i < counts.length; i++) {
      if (isOverLimit(counts[i].getAttribute("data-length"), counts[i].getAttribute("data-limit"))) {
        counts[i].classList.add("is-over");
      }
    }

    doc.addEventListener("click", function (event) {
      var button = event.target.closest && event.target.closest("button.copy[data-copy-target]");
      if (button) { onCopyClick(button, doc, win); return; }
      // Close an open language menu when clicking elsewhere.
      var open = doc.querySelectorAll(".lang-switch details[open]");
      for (var j = 0; j < open.length; j++) {
        if (!open[j].contains(event.target)) open[j].removeAttribute("open");
      }
    });

    doc.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        var menu = event.target.closest && event.target.closest(".lang-switch details[open]");
        if (menu) {
          menu.removeAttribute("open");
          var summary = menu.querySelector("summary");
          if (summary) summary.focus();
        }
        return;
      }
      if (!shouldFocusSearch(event, doc.activeElement)) return;
      var input = doc.querySelector('form[role="search"] input[name="q"]');
      if (!input) return;
      event.preventDefault();
      input.focus();
      input.select();
    });

    // Search page: keep the query in the box (the search client comes later).
    var results = doc.getElementById("search-results");
    if (results) {
      var q = queryParam(win.location.search, "q");
      var box = doc.querySelector('form[role="search"] input[name="q"]');
      if (q && box && !box.value) box.value = q;
    }
  }

  var api = {
    normalizeCopyText: normalizeCopyText,
    copyTextFor: copyTextFor,
    splitPlaceholders: splitPlaceholders,
    setCopyState: setCopyState,
    flashCopied: flashCopied,
    announce: announce,
    fallbackCopy: fallbackCopy,
    copyText: copyText,
    isTypingTarget: isTypingTarget,
    shouldFocusSearch: shouldFocusSearch,
    queryParam: queryParam,
    isOverLimit: isOverLimit,
    highlightPlaceholders: highlightPlaceholders,
    init: init
  };

  if (typeof module !== "undefined" && module.exports) module.exports = api;

  if (typeof document !== "undefined" && typeof window !== "undefined") {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", function () { init(document, window); });
    } else {
      init(document, window);
    }
  }
})();
