// Tests for the query engine in templates/assets/search.js over a small
// hand-made index (the format of Sources/AnswerKit/Search/FORMAT.md), with a
// plain word-splitting analyzer so that the engine is tested on its own.
// Parity with `answerkit search` on real sites is checked in Tests/CLITests.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const search = require(path.join(here, "../../templates/assets/search.js"));

const words = (t) => String(t).toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean).map((w) => [w]);
const analyzer = { analyze: words, analyzeQuery: words };

// Three shards; postings are [docDelta, impact, …].
const files = {
  "manifest.json": { version: 1, locale: "en", docs: 10, chunk: 8, hash: "x", shards: ["", "order", "refund"] },
  "t0.json": [["account", [0, 50]], ["damaged", [3, 90]], ["locked", [0, 120, 5, 10]]],
  "t1.json": [["order", [1, 40, 1, 80, 6, 5]], ["password", [4, 100]], ["payment", [2, 30]]],
  "t2.json": [["refund", [2, 200, 7, 20]], ["refunds", [2, 60]], ["return", [3, 70, 6, 15]], ["status", [2, 30, 1, 30]]],
  "d0.json": [0, 1, 2, 3, 4, 5, 6, 7].map((n) => [`e${n}`, `Title ${n}`, `/en/e${n}/`, "Cat", `Excerpt ${n}`]),
  "d1.json": [8, 9].map((n) => [`e${n}`, `Title ${n}`, `/en/e${n}/`, "Cat", `Excerpt ${n}`]),
};
const engine = () => search.createEngine("en", (p) => {
  if (!(p in files)) throw new Error("404 " + p);
  return structuredClone(files[p]);
}, analyzer);

test("exact terms rank by summed impacts; every word matched beats a partial match", async () => {
  const hits = await engine().search("refund status ");
  // doc 2: refund 200 + status 30 = 230 (2 of 2 words); doc 3: status 30; doc 9: refund 20 (1 of 2: quartered).
  assert.deepEqual(hits.map((h) => [h.id, h.score]), [["e2", 230], ["e3", 7.5], ["e9", 5]]);
});

test("the last word matches as a prefix while typing, at a lower weight", async () => {
  const hits = await engine().search("refu");
  // refund (200 × 0.7), refunds (60 × 0.7): a document keeps its best form.
  assert.deepEqual(hits.map((h) => [h.id, Math.round(h.score * 1000) / 1000]), [["e2", 140], ["e9", 14]]);
  const spaced = await engine().search("refu ");
  assert.deepEqual(spaced, [], "a trailing space ends the word: no prefix matching");
});

test("one typo is tolerated in words of five letters or more, only when the word is unknown", async () => {
  const hits = await engine().search("pasword ");
  assert.deepEqual(hits.map((h) => [h.id, h.score]), [["e4", 50]]);
  assert.deepEqual((await engine().search("lockd ")).map((h) => h.id), ["e0", "e5"]);
  assert.deepEqual((await engine().search("acount ")).map((h) => h.id), ["e0"]);
  // "refnd" sorts before the boundary "refund": the neighbouring shard is scanned too.
  assert.deepEqual((await engine().search("refnd ")).map((h) => h.id), ["e2", "e9"]);
  assert.deepEqual(search.fuzzyShards(["", "order", "refund"], "refnd"), [1, 2]);
  assert.deepEqual(search.fuzzyShards(["", "order", "refund"], "damagd"), [0]);
});

test("ties go to the lower document number", async () => {
  const hits = await engine().search("status ");
  assert.deepEqual(hits.map((h) => h.id), ["e2", "e3"]);
});

test("only the needed shards and display files are fetched", async () => {
  const e = engine();
  await e.search("damaged ");
  assert.deepEqual(e.fetched, ["manifest.json", "t0.json", "d0.json"]);
});

test("empty and punctuation-only queries return nothing without fetching", async () => {
  const e = engine();
  assert.deepEqual(await e.search(""), []);
  assert.deepEqual(await e.search("?! …"), []);
  assert.deepEqual(e.fetched, []);
});

test("isOneEdit counts code points, including a swap of neighbours", () => {
  assert.equal(search.isOneEdit("refund", "refnud"), true);
  assert.equal(search.isOneEdit("refund", "refund"), false);
  assert.equal(search.isOneEdit("refund", "refun"), true);
  assert.equal(search.isOneEdit("refund", "xrefund"), true);
  assert.equal(search.isOneEdit("refund", "rexfunx"), false);
  assert.equal(search.isOneEdit("😀ab", "😀b"), true);
});

test("shard lookup follows JavaScript string order", () => {
  const b = ["", "order", "refund"];
  assert.equal(search.shardIndex(b, "account"), 0);
  assert.equal(search.shardIndex(b, "order"), 1);
  assert.equal(search.shardIndex(b, "pz"), 1);
  assert.equal(search.shardIndex(b, "zebra"), 2);
  assert.equal(search.shardIndex(b, "\u05d0"), 2);
});

test("markWords marks analysed words and prefixes, not the punctuation around them", () => {
  const parts = search.markWords("Where is my refund? Refunds!", ["refund"], "en", analyzer);
  assert.deepEqual(parts.filter((p) => p.hit).map((p) => p.text), ["refund", "Refunds"]);
  assert.equal(parts.map((p) => p.text).join(""), "Where is my refund? Refunds!");
});

test("excerptWindow starts near the first hit", () => {
  const parts = search.markWords("a b c d e f g h i j k l m refund n o p", ["refund"], "en", analyzer);
  const w = search.excerptWindow(parts, 12);
  assert.equal(w.before, true);
  assert.ok(w.parts.some((p) => p.hit));
});
