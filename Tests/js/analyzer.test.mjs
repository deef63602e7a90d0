// Tests for templates/assets/analyzer.js against the vectors the Swift analyzer
// also runs (Tests/Fixtures/analysis/*.json). Run with: node --test Tests/js/
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { readFileSync, readdirSync } from "node:fs";
import { gzipSync } from "node:zlib";
import vm from "node:vm";
import path from "node:path";

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const scriptPath = path.join(here, "../../templates/assets/analyzer.js");
const analyzer = require(scriptPath);
const folder = path.join(here, "../Fixtures/analysis");

const files = readdirSync(folder).filter((f) => f.endsWith(".json")).sort();
const vectors = files.flatMap((file) =>
  JSON.parse(readFileSync(path.join(folder, file), "utf8")).map((v) => ({ ...v, file })));

const run = (v) => {
  const input = v.input.repeat(v.repeat ?? 1);
  return v.query ? analyzer.analyzeQuery(input, v.locale) : analyzer.analyze(input, v.locale);
};
const expectedOf = (v) => Array.from({ length: v.repeat ?? 1 }, () => v.expected).flat();

describe("analysis vectors", () => {
  test("every locale has at least 25 vectors", () => {
    for (const lang of ["en", "fr", "tr", "ar", "he"]) {
      const n = vectors.filter((v) => analyzer.language(v.locale) === lang).length;
      assert.ok(n >= 25, `${lang} has ${n} vectors`);
    }
    assert.ok(vectors.some((v) => analyzer.language(v.locale) === ""));
  });

  for (const v of vectors) {
    test(`${v.file} ${v.locale}${v.query ? " query" : ""}: ${v.note}`, () => {
      assert.deepEqual(run(v), expectedOf(v), v.input.slice(0, 80));
    });
  }
});

describe("properties", () => {
  // A deterministic mixed-script corpus, like the Swift property tests'.
  const pools = [
    [..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"], [..."0123456789"],
    [..."'’ʼ-‐._,@#\":/?!;()&*+=$%\u05F3\u05F4\u05BE\u066B"], [" ", " ", "\t", "\n", "\u00A0", "\u3000"],
    [..."İIıiŞşĞğÇçÖöÜüâéèêçàœæÉŒß"], [..."ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأؤإئةى\u064B\u064E\u0651ـکیۀٱ٠١٩۰۹،؟"],
    [..."אבגדהוזחטיךכלםמןנסעףפץצקרשת\u05B0\u05B4\u05BC\u05C1\u0596"],
    ["👍", "🏽", "🎉", "❤", "\uFE0F", "\u200D", "\u20E3", "Ⓜ", "ℹ", "™", "½", "²", "①", "ﬁ", "Ａ", "𝐑", "ｶ", "ﾞ",
      "Σ", "Ά", "Й", "注", "を", "\u0301", "\u200F", "\u00AD", "ﻻ", "ᄀ", "ᅡ", "ǅ"],
  ];
  let seed = 42;
  const next = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % Math.max(n, 1); };
  const text = (length) => {
    let s = "";
    while ([...s].length < length) { const p = pools[next(pools.length)]; for (let i = 0; i <= next(6); i++) s += p[next(p.length)]; }
    return s;
  };
  const corpus = vectors.map((v) => v.input);
  for (let i = 0; i < 300; i++) corpus.push(text(next(60)));
  corpus.push(text(10000));

  for (const locale of ["en", "fr", "tr", "ar", "he", "xx"]) {
    test(`${locale}: terms are non-empty, distinct and at most 64 scalars; queries extend index terms`, () => {
      for (const t of corpus) {
        const index = analyzer.analyze(t, locale), query = analyzer.analyzeQuery(t, locale);
        for (const terms of [...index, ...query]) {
          assert.ok(terms.length > 0);
          assert.equal(new Set(terms).size, terms.length, `duplicate in ${terms}`);
          for (const term of terms) assert.ok(term.length > 0 && [...term].length <= 64);
        }
        assert.equal(query.length, index.length);
        if (!index.length) continue;
        assert.deepEqual(query.slice(0, -1), index.slice(0, -1));
        const last = index.at(-1), lastQuery = query.at(-1);
        assert.equal(lastQuery[0], last[0]);
        for (const term of last) assert.ok(lastQuery.some((q) => term.startsWith(q)), `${term} not covered by ${lastQuery}`);
      }
    });
  }

  test("odd arguments do not throw", () => {
    assert.deepEqual(analyzer.analyze(null, null), []);
    assert.deepEqual(analyzer.analyze(undefined, "en"), []);
    assert.deepEqual(analyzer.analyze(42, "en"), [["42"]]);
    assert.deepEqual(analyzer.analyze("\uD800 lone surrogate", "en"), [["lone"], ["surrogat"]]);
  });
});

describe("packaging", () => {
  test("a classic browser script sets globalThis.AnswerKitAnalyzer", () => {
    const context = vm.createContext({});
    vm.runInContext(readFileSync(scriptPath, "utf8"), context);
    assert.equal(JSON.stringify(context.AnswerKitAnalyzer.analyze("Refunds", "en")), "[[\"refund\"]]");
  });

  test("stays within 6 KB gzipped", () => {
    const size = gzipSync(readFileSync(scriptPath)).length;
    assert.ok(size <= 6 * 1024, `${size} bytes gzipped`);
  });
});
