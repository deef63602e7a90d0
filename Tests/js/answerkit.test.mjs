// Tests for templates/assets/answerkit.js. Run with: node --test Tests/js/
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import path from "node:path";

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const ak = require(path.join(here, "../../templates/assets/answerkit.js"));

// --- minimal fakes -----------------------------------------------------------

class FakeElement {
  constructor(tagName = "DIV", attrs = {}, text = "") {
    this.tagName = tagName.toUpperCase();
    this.attrs = { ...attrs };
    this.textContent = text;
    this.children = [];
    this.style = {};
    this.isContentEditable = false;
    if (attrs.type) this.type = attrs.type;
  }
  getAttribute(name) { return name in this.attrs ? this.attrs[name] : null; }
  setAttribute(name, value) { this.attrs[name] = String(value); }
  removeAttribute(name) { delete this.attrs[name]; }
  hasAttribute(name) { return name in this.attrs; }
  querySelector(sel) {
    const cls = sel.startsWith(".") ? sel.slice(1) : null;
    return this.children.find((c) => cls && (c.attrs.class || "").split(" ").includes(cls)) || null;
  }
}

function fakeDocument(elements = {}) {
  const doc = {
    elements,
    body: { appended: [], appendChild(el) { this.appended.push(el); }, removeChild(el) { this.appended = this.appended.filter((e) => e !== el); } },
    activeElement: null,
    commands: [],
    execResult: true,
    getElementById(id) { return Object.prototype.hasOwnProperty.call(elements, id) ? elements[id] : null; },
    querySelector() { throw new Error("ids must be looked up with getElementById"); },
    createElement(tag) {
      const el = new FakeElement(tag);
      el.selected = false;
      el.select = () => { el.selected = true; };
      return el;
    },
    execCommand(cmd) {
      const ta = doc.body.appended.at(-1);
      doc.commands.push({ cmd, value: ta && ta.value, selected: ta && ta.selected });
      if (doc.execResult instanceof Error) throw doc.execResult;
      return doc.execResult;
    },
  };
  return doc;
}

function copyButton(target = "reply-refund-status:0") {
  const button = new FakeElement("button", {
    type: "button", class: "copy", "data-copy-target": target,
    "data-copy-label": "Kopyala", "data-copied-label": "Kopyalandı",
  });
  const label = new FakeElement("span", { class: "copy-label" }, "Kopyala");
  button.children.push(label);
  return { button, label };
}

function key(k, extra = {}) {
  return { key: k, ctrlKey: false, metaKey: false, altKey: false, defaultPrevented: false, target: null, ...extra };
}

// --- copy text ---------------------------------------------------------------

describe("normalizeCopyText", () => {
  test("keeps inner line breaks and placeholders, trims surrounding blank lines", () => {
    const email = "\n\nHi {{name}},\r\n\r\nThanks for waiting.\n\nBest wishes,\n{{agent}}\n";
    assert.equal(ak.normalizeCopyText(email), "Hi {{name}},\n\nThanks for waiting.\n\nBest wishes,\n{{agent}}");
  });
  test("keeps indentation of the first line and converts lone CR", () => {
    assert.equal(ak.normalizeCopyText("  - step one\r- step two  \t"), "  - step one\n- step two");
  });
  test("handles null and non-strings", () => {
    assert.equal(ak.normalizeCopyText(null), "");
    assert.equal(ak.normalizeCopyText(42), "42");
  });
});

describe("copyTextFor", () => {
  test("looks the target up by id even when the id contains ':' and '.'", () => {
    const text = new FakeElement("p", { class: "reply-text" }, "Hi {{name}}, refunds take 3–5 days.\n");
    const doc = fakeDocument({ "reply-billing/refund-status:1.x": text });
    const { button } = copyButton("reply-billing/refund-status:1.x");
    assert.equal(ak.copyTextFor(button, doc), "Hi {{name}}, refunds take 3–5 days.");
  });
  test("returns null for a missing target or attribute", () => {
    const doc = fakeDocument({});
    assert.equal(ak.copyTextFor(copyButton("reply-nope").button, doc), null);
    assert.equal(ak.copyTextFor(new FakeElement("button"), doc), null);
  });
  test("reads the full text even after placeholders were wrapped in <mark>", () => {
    // textContent of <p>Hi <mark>{{name}}</mark>!</p> is the concatenation.
    const doc = fakeDocument({ "reply-a": new FakeElement("p", {}, "Hi " + "{{name}}" + "!") });
    assert.equal(ak.copyTextFor(copyButton("reply-a").button, doc), "Hi {{name}}!");
  });
});

// --- placeholders ------------------------------------------------------------

describe("splitPlaceholders", () => {
  test("splits text around {{placeholders}}", () => {
    assert.deepEqual(ak.splitPlaceholders("Hi {{name}}, I'm {{ agent }}."), [
      { text: "Hi ", placeholder: false },
      { text: "{{name}}", placeholder: true },
      { text: ", I'm ", placeholder: false },
      { text: "{{ agent }}", placeholder: true },
      { text: ".", placeholder: false },
    ]);
  });
  test("works with RTL text and adjacent placeholders; parts rebuild the input", () => {
    const s = "مرحبًا {{name}}{{order}}، شكرًا";
    const parts = ak.splitPlaceholders(s);
    assert.deepEqual(parts.filter((p) => p.placeholder).map((p) => p.text), ["{{name}}", "{{order}}"]);
    assert.equal(parts.map((p) => p.text).join(""), s);
  });
  test("ignores empty or unbalanced braces and is repeatable (no lastIndex leak)", () => {
    assert.deepEqual(ak.splitPlaceholders("a {{}} b {{x"), [{ text: "a {{}} b {{x", placeholder: false }]);
    assert.equal(ak.splitPlaceholders("{{a}}").length, 1);
    assert.equal(ak.splitPlaceholders("{{a}}").length, 1);
    assert.deepEqual(ak.splitPlaceholders(""), []);
  });
});

// --- button state ------------------------------------------------------------

describe("copy button state", () => {
  test("setCopyState toggles the label span and data-state", () => {
    const { button, label } = copyButton();
    ak.setCopyState(button, "copied");
    assert.equal(label.textContent, "Kopyalandı");
    assert.equal(button.getAttribute("data-state"), "copied");
    ak.setCopyState(button, "idle");
    assert.equal(label.textContent, "Kopyala");
    assert.equal(button.getAttribute("data-state"), null);
  });
  test("setCopyState falls back to the button text when there is no label span", () => {
    const button = new FakeElement("button", { "data-copy-label": "Copy", "data-copied-label": "Copied" }, "Copy");
    button.querySelector = () => null;
    ak.setCopyState(button, "copied");
    assert.equal(button.textContent, "Copied");
  });
  test("flashCopied restores the label after 2 s and restarts on a second click", () => {
    const pending = new Map();
    let next = 1;
    let now = 0;
    const timers = {
      setTimeout(fn, ms) { const id = next++; pending.set(id, { fn, at: now + ms }); return id; },
      clearTimeout(id) { pending.delete(id); },
    };
    const advance = (ms) => {
      now += ms;
      for (const [id, t] of [...pending]) if (t.at <= now) { pending.delete(id); t.fn(); }
    };
    const { button, label } = copyButton();
    ak.flashCopied(button, timers);
    assert.equal(label.textContent, "Kopyalandı");
    advance(1500);
    ak.flashCopied(button, timers); // clicked again: copied for another 2 s
    assert.equal(pending.size, 1);
    advance(1000);
    assert.equal(label.textContent, "Kopyalandı");
    advance(1000);
    assert.equal(label.textContent, "Kopyala");
    assert.equal(button.getAttribute("data-state"), null);
  });
  test("announce clears the live region first, then sets the message", () => {
    const region = new FakeElement("p", {}, "Copied");
    let later;
    ak.announce(region, "Copied", (fn) => { later = fn; });
    assert.equal(region.textContent, "");
    later();
    assert.equal(region.textContent, "Copied");
  });
});

// --- clipboard ---------------------------------------------------------------

describe("copyText", () => {
  test("uses navigator.clipboard in a secure context", async () => {
    const written = [];
    const doc = fakeDocument();
    const ok = await ak.copyText("Hi {{name}}", {
      navigator: { clipboard: { writeText: async (t) => { written.push(t); } } },
      document: doc, isSecureContext: true,
    });
    assert.equal(ok, true);
    assert.deepEqual(written, ["Hi {{name}}"]);
    assert.equal(doc.commands.length, 0);
  });
  test("falls back to a selected hidden textarea + execCommand when not secure", async () => {
    const doc = fakeDocument();
    const button = new FakeElement("button");
    let refocused = false;
    button.focus = () => { refocused = true; };
    doc.activeElement = button;
    const ok = await ak.copyText("line 1\nline 2", { navigator: {}, document: doc, isSecureContext: false });
    assert.equal(ok, true);
    assert.deepEqual(doc.commands, [{ cmd: "copy", value: "line 1\nline 2", selected: true }]);
    assert.equal(doc.body.appended.length, 0, "textarea removed again");
    assert.ok(refocused, "focus returns to the button");
  });
  test("falls back when writeText rejects (permission denied)", async () => {
    const doc = fakeDocument();
    const ok = await ak.copyText("x", {
      navigator: { clipboard: { writeText: () => Promise.reject(new Error("NotAllowedError")) } },
      document: doc, isSecureContext: true,
    });
    assert.equal(ok, true);
    assert.equal(doc.commands.length, 1);
  });
  test("resolves false when every method fails", async () => {
    const doc = fakeDocument();
    doc.execResult = new Error("unsupported");
    assert.equal(await ak.copyText("x", { navigator: undefined, document: doc, isSecureContext: false }), false);
    doc.execResult = false;
    assert.equal(await ak.copyText("x", { navigator: {}, document: doc }), false);
  });
});

// --- "/" shortcut ------------------------------------------------------------

describe("shouldFocusSearch", () => {
  const body = new FakeElement("body");
  test("'/' on the page focuses search", () => {
    assert.equal(ak.shouldFocusSearch(key("/", { target: body }), body), true);
    // Shift is needed for "/" on some layouts (e.g. AZERTY, Turkish Q): still fine.
    assert.equal(ak.shouldFocusSearch(key("/", { target: body, shiftKey: true }), body), true);
  });
  test("not while typing in text fields, textareas, selects or contenteditable", () => {
    const typing = [
      new FakeElement("input", { type: "search" }),
      new FakeElement("input", {}),
      new FakeElement("INPUT", { type: "EMAIL" }),
      new FakeElement("textarea"),
      new FakeElement("select"),
      Object.assign(new FakeElement("div"), { isContentEditable: true }),
    ];
    for (const el of typing) {
      assert.equal(ak.shouldFocusSearch(key("/", { target: el }), el), false, el.tagName + " " + (el.type || ""));
    }
  });
  test("allowed on non-text inputs such as checkboxes and buttons", () => {
    const cb = new FakeElement("input", { type: "checkbox" });
    assert.equal(ak.shouldFocusSearch(key("/", { target: cb }), cb), true);
    const btn = new FakeElement("button");
    assert.equal(ak.shouldFocusSearch(key("/", { target: btn }), btn), true);
  });
  test("other keys, modifiers and handled events are ignored", () => {
    assert.equal(ak.shouldFocusSearch(key("?", { target: body }), body), false);
    assert.equal(ak.shouldFocusSearch(key("/", { target: body, ctrlKey: true }), body), false);
    assert.equal(ak.shouldFocusSearch(key("/", { target: body, metaKey: true }), body), false);
    assert.equal(ak.shouldFocusSearch(key("/", { target: body, altKey: true }), body), false);
    assert.equal(ak.shouldFocusSearch(key("/", { target: body, defaultPrevented: true }), body), false);
    assert.equal(ak.shouldFocusSearch(key("/", { target: body, isComposing: true }), body), false);
    assert.equal(ak.shouldFocusSearch(null, body), false);
  });
  test("the focused element counts too (events retargeted to body)", () => {
    const ta = new FakeElement("textarea");
    assert.equal(ak.shouldFocusSearch(key("/", { target: body }), ta), false);
  });
});

// --- misc --------------------------------------------------------------------

describe("queryParam", () => {
  test("decodes + and percent escapes, including non-Latin text", () => {
    assert.equal(ak.queryParam("?q=refund+status", "q"), "refund status");
    assert.equal(ak.queryParam("?lang=ar&q=%D8%A7%D8%B3%D8%AA%D8%B1%D8%AF%D8%A7%D8%AF", "q"), "استرداد");
    assert.equal(ak.queryParam("?q=%E0%A4%A", "q"), "%E0%A4%A");
    assert.equal(ak.queryParam("?x=1", "q"), "");
    assert.equal(ak.queryParam("", "q"), "");
    assert.equal(ak.queryParam("?q", "q"), "");
  });
});

describe("isOverLimit", () => {
  test("compares numerically, including string attributes", () => {
    assert.equal(ak.isOverLimit("280", "280"), false);
    assert.equal(ak.isOverLimit("281", "280"), true);
    assert.equal(ak.isOverLimit(1000, 999), true);
    assert.equal(ak.isOverLimit("3", ""), false);
    assert.equal(ak.isOverLimit("abc", "10"), false);
  });
});

describe("module shape", () => {
  test("loads without a DOM and exports the browser entry point", () => {
    assert.equal(typeof ak.init, "function");
    assert.equal(typeof ak.highlightPlaceholders, "function");
  });
});
