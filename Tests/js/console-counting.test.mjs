// The agent console's counters (templates/agent/counting.js `measure`): twitter-text's
// own weighted-length conformance cases, the URL, Punycode and SMS rules of the Swift
// counters (Sources/AnswerKit/Counting), and the top-level domain list kept in step
// with TopLevelDomains.swift. Agreement with `answerkit count` on a set of texts is
// checked by Tests/CLITests/ReplyCLITests.swift.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const counting = require(path.join(here, "../../templates/agent/counting.js"));
const twitter = { name: "twitter", unit: "weighted", limit: 280 };

// shared/twitter-text beside the repository (or $ANSWERKIT_SHARED), as Tests/AnswerKitTests/Support/Fixtures.swift finds it.
function sharedFolder() {
  if (process.env.ANSWERKIT_SHARED) return process.env.ANSWERKIT_SHARED;
  let dir = path.join(here, "../..");
  for (let i = 0; i < 3; i++) {
    dir = path.dirname(dir);
    if (existsSync(path.join(dir, "shared/twitter-text/validate.yml"))) return path.join(dir, "shared");
  }
  return null;
}

test("twitter-text v3 weighted-length conformance cases", (t) => {
  const shared = sharedFolder();
  if (!shared) return t.skip("shared/twitter-text not found (set ANSWERKIT_SHARED)");
  // cases.py reads validate.yml at run time, as the suite's README asks; only the v3 sections apply.
  const out = execFileSync("python3", [path.join(shared, "twitter-text/cases.py"),
    "--section", "WeightedTweetsWithDiscountedEmojiCounterTest", "--section", "UnicodeDirectionalMarkerCounterTest"], { encoding: "utf8" });
  const cases = out.trim().split("\n").map((line) => JSON.parse(line));
  assert.equal(cases.length, 24, "the 22 v3 emoji and 2 directional-marker cases");
  for (const c of cases) {
    const count = counting.measure(c.text, twitter);
    assert.equal(count.length, c.expected_weighted_length, `${c.section}: ${c.description}`);
    assert.equal(count.valid, c.expected_valid, `${c.section}: ${c.description} (valid)`);
  }
});

test("weights of scripts, NFC, emoji sequences and URLs (TwitterCounterTests)", () => {
  for (const [text, length] of [["مرحبا", 5], ["שלום", 4], ["a\u200Eb", 4], ["a\u200Fb", 4], ["e\u0301", 1], ["👍🏽", 2], ["🇹🇷", 2],
    ["©", 1], ["Merci @NimbusHelp!", 18], ["see nimbus.com/refunds now", 31], ["see nimbus.example now", 22],
    ["mail me: a@nimbus.com", 21], ["", 0], ["漢字", 4], ["👩‍👩‍👧‍👦", 2], ["1\u20E3", 2]]) {
    assert.equal(counting.measure(text, twitter).length, length, JSON.stringify(text));
  }
  assert.equal(counting.measure("ok\uFEFF", twitter).valid, false, "U+FEFF is invalid on X");
  assert.equal(counting.measure("x".repeat(281), twitter).valid, false);
});

test("URLs X links (URLScannerTests)", () => {
  const urls = (text) => {
    const s = Array.from(text);
    return counting.urlRanges(s).map(([a, b]) => s.slice(a, b).join(""));
  };
  for (const [text, expected] of [
    ["Track it: https://nimbus.example/refunds.", ["https://nimbus.example/refunds"]],
    ["(see https://example.com/a_(b))", ["https://example.com/a_(b)"]],
    ["(see https://example.com/x)", ["https://example.com/x"]],
    ["go to nimbus.com/help?x=1!", ["nimbus.com/help?x=1"]],
    ["t.co is special", ["t.co"]],
    ["example.co alone", []],
    ["example.co/path", ["example.co/path"]],
    ["write to help@nimbus.com", []],
    ["#hashtag.com", []],
    ["http://foobar.پاکستان/", ["http://foobar.پاکستان/"]],
    ["HTTPS://NIMBUS.COM", ["HTTPS://NIMBUS.COM"]],
    ["no url here.", []],
    ["زوروا nimbus.com/ar للمزيد", ["nimbus.com/ar"]],
  ]) {
    assert.deepEqual(urls(text), expected, text);
  }
  assert.deepEqual(urls(`https://${"a".repeat(64)}.com`), [], "a host label longer than 63 is no link");
  assert.equal(urls(`https://${"a".repeat(63)}.com`).length, 1);
});

test("Punycode of host labels (RFC 3492)", () => {
  const encode = (label) => counting.punycode(Array.from(label, (c) => c.codePointAt(0)));
  assert.equal(encode("bücher"), "bcher-kva");
  assert.equal(encode("münchen"), "mnchen-3ya");
  assert.equal(encode("پاکستان"), "mgbai9azgqp6j");
  assert.equal(encode("例え"), "r8jz45g");
});

test("the top-level domains are those of TopLevelDomains.swift", () => {
  const swift = readFileSync(path.join(here, "../../Sources/AnswerKit/Counting/TopLevelDomains.swift"), "utf8");
  const list = swift.slice(swift.indexOf("Set<String> = ["));
  const expected = [...list.matchAll(/"([^"]+)"/g)].map((m) => m[1]).sort();
  assert.ok(expected.length > 250);
  assert.deepEqual([...counting.tlds].sort(), expected);
});

test("SMS: GSM-7 septets with escapes, UCS-2 for other letters, segments never split a pair", () => {
  const sms = { name: "sms", unit: "segments", limit: 3 };
  const m = (text) => { const c = counting.measure(text, sms); return [c.encoding, c.length, c.segments, c.limit, c.valid]; };
  assert.deepEqual(m("x".repeat(160)), ["GSM-7", 160, 1, 459, true]);
  assert.deepEqual(m("x".repeat(161)), ["GSM-7", 161, 2, 459, true]);
  assert.deepEqual(m("€".repeat(80)), ["GSM-7", 160, 1, 459, true]);
  assert.deepEqual(m("x" + "€".repeat(80)), ["GSM-7", 161, 2, 459, true]); // 152 + 2 > 153: a pair moves whole
  assert.deepEqual(m("ş".repeat(70)), ["UCS-2", 70, 1, 201, true]);
  assert.deepEqual(m("ş".repeat(71)), ["UCS-2", 71, 2, 201, true]);
  assert.deepEqual(m("مرحبا ".repeat(40)), ["UCS-2", 240, 4, 201, false]);
  assert.deepEqual(m(""), ["GSM-7", 0, 0, 459, true]);
  assert.deepEqual(counting.smsMeasure("😀"), { encoding: "UCS-2", units: 2, segments: 1 });
});

test("bytes after NFC, characters after NFC, no limit", () => {
  assert.equal(counting.measure("e\u0301", { name: "instagram-dm", unit: "bytes", limit: 1000 }).length, 2);
  assert.equal(counting.measure("مرحبا", { name: "instagram-dm", unit: "bytes", limit: 1000 }).length, 10);
  assert.equal(counting.measure("😀", { name: "instagram-dm", unit: "bytes", limit: 3 }).valid, false);
  assert.equal(counting.measure("e\u0301😀", { name: "whatsapp", unit: "characters", limit: 4096 }).length, 2);
  assert.deepEqual(counting.measure("hello", { name: "email", unit: "characters", limit: null }),
    { channel: "email", length: 5, limit: null, valid: true, unit: "characters" });
});
