// Tests for the dev server's live-reload client (ReloadScript.source in
// Sources/AnswerKitServer/Reload/ReloadScript.swift). Run with: node --test Tests/js/
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import vm from "node:vm";

const here = path.dirname(fileURLToPath(import.meta.url));
const swift = readFileSync(path.join(here, "../../Sources/AnswerKitServer/Reload/ReloadScript.swift"), "utf8");
// The script is the raw string literal after `source =`, indented by 8 spaces in the Swift file.
const literal = swift.split('public static let source = #"""\n')[1].split('\n        """#')[0];
const source = literal.split("\n").map((line) => line.replace(/^ {8}/, "")).join("\n");

// --- minimal fakes -----------------------------------------------------------

class FakeElement {
  constructor(tagName) {
    this.tagName = tagName.toUpperCase();
    this.attrs = {};
    this.children = [];
    this.listeners = {};
    this.textContent = "";
    this.removed = false;
    this.id = "";
  }
  set innerHTML(_) { throw new Error("the overlay must not parse markup"); }
  setAttribute(name, value) { this.attrs[name] = String(value); }
  getAttribute(name) { return name in this.attrs ? this.attrs[name] : null; }
  appendChild(child) { this.children.push(child); return child; }
  addEventListener(type, listener) { this.listeners[type] = listener; }
  remove() { this.removed = true; }
}

function run(pageBuild) {
  const sources = [];
  const body = new FakeElement("body");
  const state = { reloads: 0 };
  const document = {
    currentScript: pageBuild === undefined ? null : { getAttribute: (name) => (name === "data-answerkit-build" ? pageBuild : null) },
    body,
    createElement: (tag) => new FakeElement(tag),
    getElementById: (id) => body.children.find((child) => child.id === id && !child.removed) || null,
  };
  class EventSource {
    constructor(url) { this.url = url; this.listeners = {}; sources.push(this); }
    addEventListener(type, listener) { this.listeners[type] = listener; }
    emit(type, data) { this.listeners[type]({ data: JSON.stringify(data) }); }
  }
  vm.runInNewContext(source, { document, EventSource, location: { reload: () => { state.reloads += 1; } }, JSON });
  return { source: sources[0], body, state };
}

const report = {
  summary: "1 error, 1 warning",
  diagnostics: [
    { severity: "warning", message: "site-wide", notes: [] },
    { location: "content/en/a.md:3:7", severity: "error", message: "invalid YAML: <img src=x onerror=alert(1)>", notes: ["a <b>note</b>"] },
  ],
};

describe("reload client", () => {
  test("listens to the dev server's event stream", () => {
    assert.equal(run("b-1").source.url, "/__answerkit/events");
  });

  test("hello reloads only a page from another build", () => {
    const same = run("b-1");
    same.source.emit("hello", { build: "b-1" });
    assert.equal(same.state.reloads, 0);
    const older = run("b-1");
    older.source.emit("hello", { build: "b-2" });
    assert.equal(older.state.reloads, 1);
  });

  test("reload reloads", () => {
    const page = run("b-1");
    page.source.emit("reload", { build: "b-2" });
    assert.equal(page.state.reloads, 1);
  });

  test("build-error shows path:line:column and messages as text", () => {
    const page = run("b-1");
    page.source.emit("build-error", report);
    const overlay = page.body.children[0];
    assert.equal(overlay.id, "answerkit-error-overlay");
    assert.equal(overlay.attrs.role, "alert");
    assert.equal(overlay.attrs.dir, "ltr");
    const texts = overlay.children.map((child) => child.textContent);
    assert.ok(texts.includes("Build failed: 1 error, 1 warning"));
    assert.ok(texts.includes("content/en/a.md:3:7: error: invalid YAML: <img src=x onerror=alert(1)>\n    note: a <b>note</b>"));
    assert.ok(texts.includes("warning: site-wide"));
    // Markup in messages stays text: nothing but the overlay's own elements was created.
    assert.deepEqual(overlay.children.map((child) => child.tagName), ["BUTTON", "H2", "P", "PRE", "PRE"]);
    assert.equal(page.state.reloads, 0);
  });

  test("a new error replaces the overlay, and close removes it", () => {
    const page = run("b-1");
    page.source.emit("build-error", report);
    page.source.emit("build-error", { summary: "2 errors, 0 warnings", diagnostics: [] });
    assert.equal(page.body.children[0].removed, true);
    const current = page.body.children[1];
    assert.equal(current.removed, false);
    current.children[0].listeners.click();
    assert.equal(current.removed, true);
  });
});

// --- several tabs: one shared event stream -------------------------------------

/** A browser's origin as the script sees it: one lock manager, broadcast channels, event streams. */
function origin() {
  const sources = [];
  const channels = [];
  const waiting = [];
  let held = null;
  const locks = {
    request(name, callback) {
      const grant = { name, callback, tab: null };
      waiting.push(grant);
      queueMicrotask(next);
      return new Promise(() => {});
    },
  };
  function next() {
    if (held || waiting.length === 0) return;
    held = waiting.shift();
    if (held.tab.closed) { held = null; next(); return; }
    held.callback({ name: held.name });
  }
  const tabs = [];
  function open(pageBuild) {
    const body = new FakeElement("body");
    const tab = { body, reloads: 0, closed: false, sources: [] };
    const document = {
      currentScript: { getAttribute: (name) => (name === "data-answerkit-build" ? pageBuild : null) },
      body,
      createElement: (tag) => new FakeElement(tag),
      getElementById: (id) => body.children.find((child) => child.id === id && !child.removed) || null,
    };
    class EventSource {
      constructor(url) { this.url = url; this.listeners = {}; this.tab = tab; sources.push(this); tab.sources.push(this); }
      addEventListener(type, listener) { this.listeners[type] = listener; }
      emit(type, data) { this.listeners[type]({ data: JSON.stringify(data) }); }
    }
    class BroadcastChannel {
      constructor(name) { this.name = name; this.tab = tab; this.onmessage = null; channels.push(this); }
      postMessage(message) {
        const copy = structuredClone(message);
        for (const other of channels) {
          if (other !== this && other.name === this.name && !other.tab.closed) {
            queueMicrotask(() => other.onmessage && other.onmessage({ data: copy }));
          }
        }
      }
    }
    const tabLocks = { request: (name, callback) => {
      const promise = locks.request(name, callback);
      waiting[waiting.length - 1].tab = tab;
      return promise;
    } };
    vm.runInNewContext(source, {
      document, EventSource, BroadcastChannel, navigator: { locks: tabLocks }, JSON, Math,
      location: { reload: () => { tab.reloads += 1; } },
    });
    tab.close = () => {
      tab.closed = true;
      if (held && held.tab === tab) { held = null; queueMicrotask(next); }
    };
    tabs.push(tab);
    return tab;
  }
  return { open, sources, tabs };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("reload client, several tabs", () => {
  test("eight tabs open one event stream, and every tab reloads on its events", async () => {
    const site = origin();
    for (let i = 0; i < 8; i += 1) site.open("b-1");
    await settle();
    assert.equal(site.sources.length, 1);
    assert.equal(site.sources[0].url, "/__answerkit/events");
    site.sources[0].emit("hello", { build: "b-1" });
    await settle();
    assert.deepEqual(site.tabs.map((tab) => tab.reloads), [0, 0, 0, 0, 0, 0, 0, 0]);
    site.sources[0].emit("reload", { build: "b-2" });
    await settle();
    assert.deepEqual(site.tabs.map((tab) => tab.reloads), [1, 1, 1, 1, 1, 1, 1, 1]);
  });

  test("a build error shows in every tab; a tab opened later is told the build and the error", async () => {
    const site = origin();
    const first = site.open("b-1");
    const second = site.open("b-1");
    await settle();
    site.sources[0].emit("hello", { build: "b-1" });
    site.sources[0].emit("build-error", report);
    await settle();
    for (const tab of [first, second]) assert.equal(tab.body.children.filter((child) => !child.removed).length, 1);

    const later = site.open("b-1");
    await settle();
    assert.equal(later.reloads, 0);
    assert.equal(later.body.children[0].id, "answerkit-error-overlay");
    // The answer went to the new tab only: the others' overlays were not made again.
    assert.equal(first.body.children.length, 1);
    assert.equal(second.body.children.length, 1);

    const stale = site.open("b-0");
    await settle();
    assert.equal(stale.reloads, 1);
    assert.equal(site.sources.length, 1);
  });

  test("when the tab holding the stream closes, another tab connects", async () => {
    const site = origin();
    const tabs = [site.open("b-1"), site.open("b-1"), site.open("b-1")];
    await settle();
    const holder = site.sources[0].tab;
    holder.close();
    await settle();
    assert.equal(site.sources.length, 2);
    const successor = site.sources[1].tab;
    assert.notEqual(successor, holder);
    site.sources[1].emit("reload", { build: "b-2" });
    await settle();
    assert.deepEqual(tabs.map((tab) => tab.reloads), tabs.map((tab) => (tab === holder ? 0 : 1)));
  });
});
