// Static checks of the default theme (templates, i18n, CSS). Run with: node --test Tests/js/
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "../../templates");
const read = (p) => readFileSync(path.join(root, p), "utf8");

function walk(dir, ext, out = []) {
  for (const e of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) walk(rel, ext, out);
    else if (e.name.endsWith(ext)) out.push(rel);
  }
  return out;
}

// i18n files are flat `key: "text"` maps; parse them without a YAML package.
function parseFlatYaml(text, file) {
  const map = new Map();
  for (const [i, line] of text.split("\n").entries()) {
    if (/^\s*(#|$)/.test(line)) continue;
    const m = /^([a-z][a-z0-9_]*): "((?:[^"\\]|\\.)*)"\s*$/.exec(line);
    assert.ok(m, `${file}:${i + 1} is not a flat key: "text" line: ${line}`);
    assert.ok(!map.has(m[1]), `${file}: duplicate key ${m[1]}`);
    assert.ok(m[2].trim() !== "", `${file}: empty text for ${m[1]}`);
    map.set(m[1], m[2]);
  }
  return map;
}

const templates = walk(".", ".mustache");
const locales = ["en", "fr", "tr", "ar", "he"];
const strings = Object.fromEntries(locales.map((l) => [l, parseFlatYaml(read(`i18n/${l}.yml`), `${l}.yml`)]));

// Counted phrases have one key per CLDR plural category of the language (`entries_count_few` exists in Arabic only).
const PLURAL = /_(zero|one|two|few|many|other)$/;
const pluralCategories = { en: ["one", "other"], fr: ["one", "other"], tr: ["one", "other"], ar: ["zero", "one", "two", "few", "many", "other"], he: ["one", "two", "other"] };

test("every locale has exactly the same keys, including the required ones", () => {
  const plain = (l) => [...strings[l].keys()].filter((k) => !PLURAL.test(k)).sort();
  const en = plain("en");
  for (const l of locales) assert.deepEqual(plain(l), en, `${l}.yml keys differ from en.yml`);
  const families = new Set([...strings.en.keys()].filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, "")));
  for (const l of locales) {
    for (const family of families) {
      const forms = [...strings[l].keys()].filter((k) => k.replace(PLURAL, "") === family && PLURAL.test(k)).map((k) => PLURAL.exec(k)[1]);
      assert.deepEqual(forms.sort(), [...pluralCategories[l]].sort(), `${l}.yml: ${family}_* must have exactly the plural forms of ${l}`);
      if (forms.length > 1) assert.ok(strings[l].get(`${family}_other`).includes("{count}"), `${l}.yml: ${family}_other must show {count}`);
    }
  }
  const required = ["search", "search_placeholder", "search_label", "search_button", "categories", "home", "tags",
    "all_tags", "copy", "copied", "copy_reply", "replies", "approved_replies", "sources", "approved_by", "approved_on",
    "next_review", "under_review", "draft", "on_this_page", "entries_count_one", "entries_count_other", "skip_to_content", "language",
    "not_found_title", "not_found_text", "back_home", "no_results", "search_noscript", "channel_twitter",
    "channel_facebook", "channel_instagram", "channel_instagram_dm", "channel_whatsapp", "channel_linkedin",
    "channel_sms", "channel_email", "channel_any", "kind_answer", "kind_acknowledge", "kind_follow_up",
    "kind_private", "kind_escalate", "characters", "choose_language", "translation_missing", "translation_missing_short",
    "translation_missing_note", "feed_title", "feed_link"];
  for (const k of required) assert.ok(strings.en.has(k), `missing key ${k}`);
});

test("translations are really translated (not copies of English) for sentences", () => {
  for (const l of ["fr", "tr", "ar", "he"]) {
    for (const k of ["under_review", "translation_missing", "not_found_text", "search_noscript", "skip_to_content"]) {
      assert.notEqual(strings[l].get(k), strings.en.get(k), `${l}.${k}`);
    }
  }
  for (const l of ["ar", "he"]) {
    const script = l === "ar" ? /[\u0600-\u06FF]/ : /[\u0590-\u05FF]/;
    assert.match(strings[l].get("under_review"), script);
  }
});

test("templates only use interface strings that exist", () => {
  for (const f of templates) {
    for (const [, key] of read(f).matchAll(/\{\{[#^/]?\s*t\.([a-z0-9_]+)\s*\}\}/g)) {
      assert.ok(strings.en.has(key), `${f} uses t.${key}, which i18n/en.yml does not define`);
    }
  }
});

test("the only unescaped output is HTML AnswerKit renders itself", () => {
  // `html` (the entry body), `*HTML` (text escaped by AnswerKit, with <bdi> isolation and placeholder marks)
  // and `entry.jsonLD` (JSON written to be inert inside <script>).
  for (const f of templates) {
    const triples = [...read(f).matchAll(/\{\{\{\s*([^}]+?)\s*\}\}\}|\{\{&\s*([^}]+?)\s*\}\}/g)].map((m) => m[1] || m[2]);
    for (const name of triples) assert.match(name, /^(html|[A-Za-z.]*HTML|entry\.jsonLD)$/, `${f} inserts ${name} unescaped`);
  }
  assert.match(read("entry.mustache"), /\{\{\{html\}\}\}/);
});

test("sections are balanced in every template", () => {
  for (const f of templates) {
    const stack = [];
    for (const [, sigil, name] of read(f).matchAll(/\{\{([#^$<\/])\s*([\w.\/-]+)\s*\}\}/g)) {
      if (sigil === "/") assert.equal(stack.pop(), name, `${f}: {{/${name}}} closes the wrong section`);
      else stack.push(name);
    }
    assert.deepEqual(stack, [], `${f}: unclosed sections`);
  }
});

test("page templates inherit the layout; layout has the required head and landmarks", () => {
  for (const p of ["root", "home", "category", "entry", "tags", "tag", "search", "404"]) {
    assert.match(read(`${p}.mustache`), /^(\{\{!.*\}\}\n)*\{\{< layout\}\}/, p);
    assert.match(read(`${p}.mustache`), /\{\{\$main\}\}/, p);
  }
  const layout = read("layout.mustache");
  for (const s of ['<html lang="{{lang}}" dir="{{dir}}">', '<meta name="viewport"', '<meta name="description" content="{{page.description}}">',
    '<link rel="canonical" href="{{page.canonical}}">', '<link rel="stylesheet" href="{{assets.css}}">',
    '<script src="{{assets.js}}" defer></script>', 'class="skip-link" href="#main"', '<main id="main"', "{{$main}}{{/main}}"]) {
    assert.ok(layout.includes(s), `layout lacks ${s}`);
  }
  const all = templates.map(read).join("\n");
  for (const s of ['<form role="search" action="{{searchURL}}" method="get" class="search-form" data-index="{{searchIndexURL}}"', '<input type="search" name="q"', "<header", "<footer", "<nav", "{{generator}}",
    'hreflang="{{code}}"', 'aria-current="page"', '<div id="search-results"', "<noscript>",
    '<p class="reply-text" dir="auto"', '<button type="button" class="copy" data-copy-target="reply-{{id}}"', 'role="note"']) {
    assert.ok(all.includes(s), `no template contains ${s}`);
  }
});

test("URLs from the context are never prefixed", () => {
  for (const f of templates) {
    // Fragment links to heading ids ("#{{id}}") are the only allowed prefix.
    assert.doesNotMatch(read(f), /(href|src|action)="(?!#\{\{)[^"{]+\{\{/, `${f} prefixes a context URL`);
  }
});

test("the stylesheet uses logical properties only", () => {
  const css = read("assets/style.css").replace(/\/\*[\s\S]*?\*\//g, "");
  const physical = /(^|[{;\s])(margin|padding|border|inset)-(left|right|top|bottom)\b|(^|[{;\s])(left|right|top|bottom|width|height|min-width|max-width|min-height|max-height|float|clear)\s*:|text-align\s*:\s*(left|right)/g;
  const bodies = css.replace(/@media[^{]*\{/g, "{").match(/\{[^{}]*\}/g).join("");
  assert.deepEqual(bodies.match(physical) || [], []);
  // Multi-value margin/padding shorthands are physical (top right bottom left).
  assert.deepEqual(bodies.match(/(^|[{;])(margin|padding):[^;}]*\s[^;}]*/g) || [], []);
  assert.match(css, /prefers-color-scheme:\s*dark/);
  assert.match(css, /:focus-visible/);
  assert.match(css, /@media print/);
  assert.match(css, /Noto Sans Arabic/);
  assert.match(css, /Noto Sans Hebrew/);
  assert.doesNotMatch(css, /@import|url\(\s*["']?https?:/, "no external fonts or CDN");
});

// WCAG 2.2 contrast (https://www.w3.org/TR/WCAG22/#dfn-contrast-ratio) of the palette in light and dark mode.
function palettes(css) {
  const parse = (body) => Object.fromEntries([...body.matchAll(/--([\w-]+):(#[0-9a-fA-F]{3,6})\b/g)].map((m) => [m[1], m[2]]));
  const light = parse(/:root\{([^}]*)\}/.exec(css)[1]);
  const dark = { ...light, ...parse(/prefers-color-scheme:\s*dark\)\s*\{\s*:root\{([^}]*)\}/.exec(css)[1]) };
  return { light, dark };
}
function luminance(hex) {
  let h = hex.slice(1);
  if (h.length === 3) h = [...h].map((c) => c + c).join("");
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a, b) => { const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };

test("colour pairs of the theme meet WCAG AA contrast in light and dark mode", () => {
  const text = [["text", ["bg", "card", "panel", "tint", "code", "bubble", "warn-bg"]], ["muted", ["bg", "card", "panel", "tint", "code", "bubble"]],
    ["accent", ["bg", "card", "panel", "tint", "bubble"]], ["accent-2", ["bg", "card"]], ["on-accent", ["accent", "accent-2"]],
    ["warn", ["warn-bg"]], ["draft", ["draft-bg"]], ["on-ok", ["ok"]], ["ph", ["ph-bg"]]];
  // Non-text: input borders and the focus ring (WCAG 1.4.11) need 3:1.
  const ui = [["field", ["bg", "card"]], ["accent", ["bg", "card"]]];
  for (const [mode, colours] of Object.entries(palettes(read("assets/style.css")))) {
    for (const [pairs, minimum] of [[text, 4.5], [ui, 3]]) {
      for (const [fg, bgs] of pairs) {
        for (const bg of bgs) {
          assert.ok(colours[fg] && colours[bg], `${mode}: --${fg} or --${bg} is not a hex colour`);
          const ratio = contrast(colours[fg], colours[bg]);
          assert.ok(ratio >= minimum, `${mode}: --${fg} on --${bg} is ${ratio.toFixed(2)}:1, below ${minimum}:1`);
        }
      }
    }
  }
});

test("the theme works without web fonts and mirrors its chevrons in RTL", () => {
  const css = read("assets/style.css");
  assert.doesNotMatch(css, /@font-face/, "system fonts only: no layout shift from font loading");
  assert.match(css, /\[dir=rtl\] \.breadcrumbs li\+li::before\{rotate:-45deg\}/);
  assert.match(css, /\.notice-missing:not\(:target\)\{display:none\}/);
  assert.match(read("home.mustache"), /id="translation-missing"/);
});
