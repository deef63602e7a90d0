// The agent console's ranking and filling (templates/agent/replies.js) against the
// vectors the Swift library is tested with (Tests/Fixtures/reply-ranking/).
// Parity of scores with `answerkit reply` on a built site: Tests/CLITests/ReplyCLITests.swift.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const analyzer = require(path.join(here, "../../templates/assets/analyzer.js"));
const replies = require(path.join(here, "../../templates/agent/replies.js"));
const fixtures = path.join(here, "../Fixtures/reply-ranking");
const load = (name) => JSON.parse(readFileSync(path.join(fixtures, name), "utf8"));

const bundle = load("bundle.json");
const { today, cases } = load("ranking.json");
const index = replies.createIndex(replies.current(bundle.replies, today), analyzer);

for (const c of cases) {
  test(`ranking: ${c.name}`, () => {
    const ids = replies.rank(index, c.query, c.filter, analyzer).map((r) => index.replies[r.position].id);
    assert.deepEqual(ids, c.expect);
  });
}

test("ranking: a kind other than answer weighs 0.9 of the same answer", () => {
  const ranked = replies.rank(index, "refund ", { locale: "en" }, analyzer);
  const score = (id) => ranked.find((r) => index.replies[r.position].id === id).score;
  assert.equal(score("refund-status:en:twitter:acknowledge:1"), score("refund-status:en:twitter:answer:1") * 0.9);
});

test("ranking: an index built in slices equals one built at once", () => {
  const many = [0, 1, 2, 3].flatMap((n) => replies.current(bundle.replies, today).map((r) => ({ ...r, id: `${r.id}-${n}` })));
  const builder = replies.indexBuilder(many, analyzer);
  assert.equal(builder.step(-1), false, "a deadline in the past stops after a slice of 16 replies");
  assert.equal(builder.progress(), 16 / many.length);
  while (!builder.step(-1));
  assert.equal(builder.progress(), 1);
  const whole = replies.createIndex(many, analyzer);
  assert.deepEqual(builder.index().terms, whole.terms);
  assert.deepEqual(builder.index().postings, whole.postings);
});

test("ranking: ln is the series of ReplyIndex.naturalLog, close to Math.log", () => {
  for (const x of [1, 1.5, 2, 3.75, 10, 1234.5, 1e6]) {
    assert.ok(Math.abs(replies.naturalLog(x) - Math.log(x)) < 1e-9, `ln ${x}`);
  }
});

test("ranking: one edit over code points", () => {
  const e = (a, b) => replies.isOneEdit(Array.from(a), Array.from(b));
  assert.equal(e("refund", "refnud"), true);
  assert.equal(e("refund", "refund"), false);
  assert.equal(e("refund", "refun"), true);
  assert.equal(e("refund", "xrefund"), true);
  assert.equal(e("refund", "rexfunx"), false);
  assert.equal(e("😀ab", "😀b"), true);
});

for (const c of load("placeholders.json")) {
  test(`filling: ${c.name}`, () => {
    assert.deepEqual(replies.fill(c.text, c.values, bundle.placeholders), c.expect);
  });
}

test("filling: pieces split text and placeholders, and fillWith keeps unknown names", () => {
  assert.deepEqual(replies.pieces("Hi {{name}}, {{x}}{{y}}."), [{ text: "Hi " }, { placeholder: "name" }, { text: ", " },
    { placeholder: "x" }, { placeholder: "y" }, { text: "." }]);
  assert.equal(replies.fillWith("{{a}} {{b}}", (n) => (n === "a" ? "1" : null)), "1 {{b}}");
});

test("bundle: replies past their review date are dropped; days count whole UTC days", () => {
  assert.equal(replies.current(bundle.replies, today).length, bundle.replies.length - 1);
  assert.equal(replies.daysBetween("2026-11-22", "2026-12-06"), 14);
  assert.equal(replies.daysBetween("2026-03-28", "2026-03-30"), 2);
});

test("bundle: an `any` reply is measured on the channel asked, else its tightest", () => {
  const any = bundle.replies.find((r) => r.channel === "any");
  assert.equal(replies.measuringChannel(bundle, any, "twitter").name, "twitter");
  assert.deepEqual(replies.measuringChannel(bundle, any, ""), { name: "sms", unit: "segments", limit: 2 });
  const old = { ...bundle, channels: undefined };
  assert.deepEqual(replies.measuringChannel(old, any, "instagram-dm"), { name: "instagram-dm", unit: "bytes", limit: 1000 });
});
