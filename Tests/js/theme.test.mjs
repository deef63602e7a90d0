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

test("every locale has exactly the same keys, including the required ones", () => {
  const en = [...strings.en.keys()].sort();
  for (const l of locales) assert.deepEqual([...strings[l].keys()].sort(), en, `${l}.yml keys differ from en.yml`);
  const required = ["search", "search_placeholder", "search_label", "search_button", "categories", "home", "tags",
    "all_tags", "copy", "copied", "copy_reply", "replies", "approved_replies", "sources", "approved_by", "approved_on",
    "next_review", "under_review", "draft", "on_this_page", "entries_count", "skip_to_content", "language",
    "not_found_title", "not_found_text", "back_home", "no_results", "search_noscript", "channel_twitter",
    "channel_facebook", "channel_instagram", "channel_instagram_dm", "channel_whatsapp", "channel_linkedin",
    "channel_sms", "channel_email", "channel_any", "kind_answer", "kind_acknowledge", "kind_follow_up",
    "kind_private", "kind_escalate", "characters", "choose_language", "translation_missing"];
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

test("the only unescaped output is the pre-rendered entry body", () => {
  for (const f of templates) {
    const triples = [...read(f).matchAll(/\{\{\{\s*([^}]+?)\s*\}\}\}|\{\{&\s*([^}]+?)\s*\}\}/g)].map((m) => m[1] || m[2]);
    if (f === "entry.mustache") assert.deepEqual(triples, ["html"]);
    else assert.deepEqual(triples, [], f);
  }
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
  for (const s of ['<form role="search" action="{{searchURL}}" method="get">', '<input type="search" name="q"', "<header", "<footer", "<nav", "{{generator}}",
    'hreflang="{{code}}"', 'aria-current="page"', '<div id="search-results" aria-live="polite"', "<noscript>",
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
