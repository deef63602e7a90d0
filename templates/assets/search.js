/*
 * AnswerKit site search: the query engine over the sharded index that
 * `answerkit build` writes to search/<locale>/ (see FORMAT.md in
 * Sources/AnswerKit/Search), and the search box / results page UI.
 *
 * The engine must rank exactly like `answerkit search` (SearchEngine.swift):
 * same files in the same order, same arithmetic, same tie-breaks. Keep the two
 * in step; Tests/js/search.test.mjs and the Swift tests compare them.
 *
 * Classic deferred script, no dependencies; needs analyzer.js loaded first.
 */
(function () {
  "use strict";

  var F = {
    version: 1,
    alternateWeight: 0.9,
    prefixWeight: 0.7,
    fuzzyWeight: 0.5,
    minimumPrefix: 2,
    minimumFuzzy: 5,
    maximumPrefixTerms: 64,
    maximumPrefixShards: 3,
    maximumQueryWords: 12
  };

  // JavaScript compares strings by UTF-16 code units: the order the index is written in.
  function lowerBound(terms, term) {
    var low = 0, high = terms.length;
    while (low < high) {
      var mid = (low + high) >> 1;
      if (terms[mid] < term) low = mid + 1; else high = mid;
    }
    return low;
  }

  function shardIndex(boundaries, term) {
    var low = 0, high = boundaries.length;
    while (low < high) {
      var mid = (low + high) >> 1;
      if (term < boundaries[mid]) high = mid; else low = mid + 1;
    }
    return Math.max(low - 1, 0);
  }

  /**
   * Shards that may hold terms one edit from `word`: its own, and a neighbour
   * when the boundary between them shares the word's first two letters (a typo
   * rarely hits those, so farther shards are not fetched).
   */
  function fuzzyShards(boundaries, word) {
    var n = shardIndex(boundaries, word), head = word.slice(0, 2), list = [];
    if (n > 0 && boundaries[n].slice(0, 2) === head) list.push(n - 1);
    list.push(n);
    if (n + 1 < boundaries.length && boundaries[n + 1].slice(0, 2) === head) list.push(n + 1);
    return list;
  }

  function sameTail(a, i, b, j) {
    if (a.length - i !== b.length - j) return false;
    for (; i < a.length; i++, j++) if (a[i] !== b[j]) return false;
    return true;
  }

  /** One insertion, deletion, substitution or swap of neighbours, over code points. */
  function isOneEdit(a, b) {
    a = Array.from(a); b = Array.from(b);
    if (Math.abs(a.length - b.length) > 1) return false;
    if (a.length === b.length && sameTail(a, 0, b, 0)) return false;
    var i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    if (a.length === b.length) {
      if (sameTail(a, i + 1, b, i + 1)) return true;
      return i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && sameTail(a, i + 2, b, i + 2);
    }
    return a.length > b.length ? sameTail(a, i + 1, b, i) : sameTail(a, i, b, i + 1);
  }

  function isSpace(ch) { return /\s/.test(ch); }

  /**
   * An engine over one locale's index. `load(path)` resolves to parsed JSON
   * for a path relative to the index folder ("manifest.json", "t3.json"…).
   */
  function createEngine(locale, load, analyzer) {
    var manifest = null, shards = {}, chunks = {}, fetched = [];

    function get(path) {
      fetched.push(path);
      return Promise.resolve(load(path));
    }
    function open() {
      if (!manifest) {
        manifest = get("manifest.json").then(function (m) {
          if (!m || m.version !== F.version) throw new Error("search index version mismatch");
          return m;
        });
      }
      return manifest;
    }
    function shard(n) {
      if (!shards[n]) {
        shards[n] = get("t" + n + ".json").then(function (rows) {
          var terms = [], postings = [];
          for (var i = 0; i < rows.length; i++) { terms.push(rows[i][0]); postings.push(rows[i][1]); }
          return { terms: terms, postings: postings };
        });
      }
      return shards[n];
    }
    function display(m, doc) {
      var n = Math.floor(doc / m.chunk);
      if (!chunks[n]) chunks[n] = get("d" + n + ".json");
      return chunks[n].then(function (records) { return records[doc % m.chunk]; });
    }
    function lookup(m, term) {
      return shard(shardIndex(m.shards, term)).then(function (s) {
        var i = lowerBound(s.terms, term);
        return i < s.terms.length && s.terms[i] === term ? s.postings[i] : null;
      });
    }

    /** Index terms matching one query word: [[term, weight]] in a fixed order. */
    function candidates(m, forms, prefix) {
      var weights = {}, order = [];
      function add(term, weight) {
        if (Object.prototype.hasOwnProperty.call(weights, term)) {
          if (weight > weights[term]) weights[term] = weight;
        } else { weights[term] = weight; order.push(term); }
      }
      var primary = forms[0], exact = false;
      // Sequential, like the Swift engine: shards are fetched in the same order.
      var chain = Promise.resolve();
      forms.forEach(function (form, position) {
        chain = chain.then(function () { return lookup(m, form); }).then(function (postings) {
          if (postings) { add(form, position === 0 ? 1 : F.alternateWeight); exact = true; }
        });
      });
      if (prefix && primary.length >= F.minimumPrefix) {
        chain = chain.then(function () {
          var first = shardIndex(m.shards, primary);
          var last = Math.min(shardIndex(m.shards, primary + "\uFFFF"), first + F.maximumPrefixShards - 1);
          var found = 0, done = false;
          var scan = Promise.resolve();
          for (var n = first; n <= last; n++) {
            (function (n) {
              scan = scan.then(function () {
                if (done) return;
                return shard(n).then(function (s) {
                  for (var i = lowerBound(s.terms, primary); i < s.terms.length; i++) {
                    var term = s.terms[i];
                    if (term.slice(0, primary.length) !== primary) { done = true; return; }
                    if (term !== primary) {
                      add(term, F.prefixWeight);
                      if (++found >= F.maximumPrefixTerms) { done = true; return; }
                    }
                  }
                });
              });
            })(n);
          }
          return scan;
        });
      }
      return chain.then(function () {
        if (exact || Array.from(primary).length < F.minimumFuzzy) return;
        var scan = Promise.resolve();
        fuzzyShards(m.shards, primary).forEach(function (n) {
          scan = scan.then(function () { return shard(n); }).then(function (s) {
            for (var i = 0; i < s.terms.length; i++) if (isOneEdit(s.terms[i], primary)) add(s.terms[i], F.fuzzyWeight);
          });
        });
        return scan;
      }).then(function () {
        return order.map(function (term) { return [term, weights[term]]; });
      });
    }

    /** The best `limit` hits for `query`: [{id, locale, title, url, category, excerpt, score, doc}]. */
    function search(query, limit) {
      limit = limit == null ? 10 : limit;
      var words = analyzer.analyzeQuery(String(query), locale).slice(0, F.maximumQueryWords);
      if (!words.length || limit <= 0) return Promise.resolve([]);
      var text = String(query);
      var prefixMode = text.length > 0 && !isSpace(text[text.length - 1]);
      return open().then(function (m) {
        if (!m.shards.length) return [];
        var totals = new Map(), matched = new Map();
        var chain = Promise.resolve();
        words.forEach(function (forms, position) {
          chain = chain.then(function () {
            return candidates(m, forms, prefixMode && position === words.length - 1);
          }).then(function (list) {
            var best = new Map();
            var step = Promise.resolve();
            list.forEach(function (pair) {
              step = step.then(function () { return lookup(m, pair[0]); }).then(function (postings) {
                if (!postings) return;
                var doc = 0;
                for (var i = 0; i + 1 < postings.length; i += 2) {
                  doc += postings[i];
                  var score = postings[i + 1] * pair[1];
                  if (score > (best.get(doc) || 0)) best.set(doc, score);
                }
              });
            });
            return step.then(function () {
              best.forEach(function (score, doc) {
                totals.set(doc, (totals.get(doc) || 0) + score);
                matched.set(doc, (matched.get(doc) || 0) + 1);
              });
            });
          });
        });
        return chain.then(function () {
          var count = words.length * words.length;
          var ranked = [];
          totals.forEach(function (total, doc) {
            var k = matched.get(doc);
            ranked.push([doc, total * (k * k) / count]);
          });
          ranked.sort(function (a, b) { return a[1] !== b[1] ? b[1] - a[1] : a[0] - b[0]; });
          ranked = ranked.slice(0, limit);
          return Promise.all(ranked.map(function (r) { return display(m, r[0]); })).then(function (records) {
            return records.map(function (rec, i) {
              return { id: rec[0], locale: locale, title: rec[1], url: rec[2], category: rec[3], excerpt: rec[4], score: ranked[i][1], doc: ranked[i][0] };
            });
          });
        });
      });
    }

    return { search: search, fetched: fetched };
  }

  // --- highlighting -------------------------------------------------------------

  /** Words of `text` with whether each matches a query term (by analysed forms, or as a prefix of one). */
  function markWords(text, terms, locale, analyzer) {
    // Odd positions are words (letters, marks, digits); even ones the text between.
    var parts = String(text).split(/([\p{L}\p{M}\p{N}]+)/u);
    return parts.map(function (part, i) {
      if (!part || i % 2 === 0) return { text: part, hit: false };
      var forms = analyzer.analyze(part, locale);
      var hit = forms.some(function (list) {
        return list.some(function (form) {
          return terms.some(function (t) { return form === t || (t.length >= F.minimumPrefix && form.indexOf(t) === 0); });
        });
      });
      return { text: part, hit: hit };
    });
  }

  /** A window of about `size` characters of `text` around its first hit. */
  function excerptWindow(parts, size) {
    var first = parts.findIndex(function (p) { return p.hit; });
    var start = 0, length = 0;
    if (first > 0) {
      start = first;
      while (start > 0 && length < size / 3) { start--; length += parts[start].text.length; }
    }
    var out = [], total = 0;
    for (var i = start; i < parts.length && total < size; i++) { out.push(parts[i]); total += parts[i].text.length; }
    return { parts: out, before: start > 0, after: i < parts.length };
  }

  // --- UI -------------------------------------------------------------------------

  function pluralKey(strings, lang, n) {
    var cat = "other";
    try { cat = new Intl.PluralRules(lang).select(n); } catch (e) { /* old browsers: "other" */ }
    return strings["results_" + cat] || strings.results_other || "{count}";
  }

  function init(doc, win) {
    var analyzer = win.AnswerKitAnalyzer;
    var forms = doc.querySelectorAll('form[role="search"][data-index]');
    if (!analyzer || !forms.length) return;
    var lang = doc.documentElement.getAttribute("lang") || "en";
    var base = forms[0].getAttribute("data-index");
    var engine = createEngine(lang, function (path) {
      return win.fetch(base + path).then(function (r) {
        if (!r.ok) throw new Error(r.status + " " + path);
        return r.json();
      });
    }, analyzer);
    var page = doc.getElementById("search-results");
    var strings = {};
    try { strings = JSON.parse((page || forms[0]).getAttribute("data-strings") || "{}"); } catch (e) { strings = {}; }

    function render(list, hits, query, options) {
      var terms = [].concat.apply([], analyzer.analyzeQuery(query, lang));
      list.textContent = "";
      hits.forEach(function (hit, i) {
        var li = doc.createElement("li");
        li.className = "search-hit";
        li.id = list.id + "-" + i;
        if (options.listbox) li.setAttribute("role", "option");
        var a = doc.createElement("a");
        a.href = hit.url;
        a.tabIndex = options.listbox ? -1 : 0;
        var title = doc.createElement("span");
        title.className = "search-hit-title";
        title.setAttribute("dir", "auto");
        markWords(hit.title, terms, lang, analyzer).forEach(function (p) { append(title, p); });
        a.appendChild(title);
        if (hit.category) {
          var cat = doc.createElement("span");
          cat.className = "search-hit-category";
          cat.textContent = hit.category;
          a.appendChild(cat);
        }
        if (options.excerpts && hit.excerpt) {
          var ex = doc.createElement("span");
          ex.className = "search-hit-excerpt";
          ex.setAttribute("dir", "auto");
          var w = excerptWindow(markWords(hit.excerpt, terms, lang, analyzer), 180);
          if (w.before) ex.appendChild(doc.createTextNode("… "));
          w.parts.forEach(function (p) { append(ex, p); });
          if (w.after) ex.appendChild(doc.createTextNode(" …"));
          a.appendChild(ex);
        }
        li.appendChild(a);
        list.appendChild(li);
      });
    }
    function append(el, part) {
      if (part.hit) {
        var mark = doc.createElement("mark");
        mark.textContent = part.text;
        el.appendChild(mark);
      } else {
        el.appendChild(doc.createTextNode(part.text));
      }
    }

    // The results page.
    if (page) {
      var input = doc.querySelector('#main form[role="search"] input[name="q"]') || doc.querySelector('form[role="search"] input[name="q"]');
      var status = doc.createElement("p");
      status.className = "search-status";
      status.setAttribute("role", "status");
      var list = doc.createElement("ol");
      list.className = "search-hits";
      list.id = "search-hits";
      page.appendChild(status);
      page.appendChild(list);
      var seq = 0;
      var run = function () {
        var q = input.value;
        var mine = ++seq;
        var url = new URL(win.location.href);
        if (q.trim()) url.searchParams.set("q", q); else url.searchParams.delete("q");
        win.history.replaceState(null, "", url.toString());
        if (!q.trim()) { list.textContent = ""; status.textContent = ""; return; }
        engine.search(q, 20).then(function (hits) {
          if (mine !== seq) return;
          render(list, hits, q, { excerpts: true });
          if (hits.length) {
            status.textContent = pluralKey(strings, lang, hits.length).replace("{count}", hits.length.toLocaleString(lang));
          } else {
            status.textContent = "";
            var none = doc.createElement("span");
            none.textContent = (page.getAttribute("data-no-results") || "") + " ";
            var link = doc.createElement("a");
            link.href = page.getAttribute("data-categories-url") || "./";
            link.textContent = strings.categories || "";
            status.appendChild(none);
            status.appendChild(link);
          }
        }, function () {
          if (mine === seq) status.textContent = strings.error || "";
        });
      };
      var params = new URL(win.location.href).searchParams;
      if (params.get("q")) input.value = params.get("q");
      input.addEventListener("input", run);
      input.form.addEventListener("submit", function (e) { e.preventDefault(); run(); });
      if (input.value) run();
      return;
    }

    // Every other page: a dropdown of the best matches under the header search box.
    Array.prototype.forEach.call(forms, function (form) {
      var box = form.querySelector('input[name="q"]');
      if (!box) return;
      var list = doc.createElement("ul");
      list.className = "search-dropdown";
      list.id = "search-suggest-" + Math.random().toString(36).slice(2, 8);
      list.setAttribute("role", "listbox");
      list.setAttribute("aria-label", strings.search_results || "");
      list.hidden = true;
      form.appendChild(list);
      box.setAttribute("role", "combobox");
      box.setAttribute("aria-autocomplete", "list");
      box.setAttribute("aria-controls", list.id);
      box.setAttribute("aria-expanded", "false");
      var active = -1, seq = 0;
      function setActive(i) {
        var items = list.children;
        if (active >= 0 && items[active]) items[active].removeAttribute("aria-selected");
        active = i;
        if (i >= 0 && items[i]) {
          items[i].setAttribute("aria-selected", "true");
          box.setAttribute("aria-activedescendant", items[i].id);
        } else {
          box.removeAttribute("aria-activedescendant");
        }
      }
      function close() {
        list.hidden = true;
        box.setAttribute("aria-expanded", "false");
        setActive(-1);
      }
      box.addEventListener("input", function () {
        var q = box.value, mine = ++seq;
        if (!q.trim()) { close(); return; }
        engine.search(q, 6).then(function (hits) {
          if (mine !== seq) return;
          render(list, hits, q, { listbox: true });
          setActive(-1);
          list.hidden = !hits.length;
          box.setAttribute("aria-expanded", hits.length ? "true" : "false");
        }, close);
      });
      box.addEventListener("keydown", function (e) {
        var n = list.hidden ? 0 : list.children.length;
        if (e.key === "ArrowDown" && n) { e.preventDefault(); setActive((active + 1) % n); }
        else if (e.key === "ArrowUp" && n) { e.preventDefault(); setActive(active <= 0 ? n - 1 : active - 1); }
        else if (e.key === "Enter" && active >= 0 && n) {
          e.preventDefault();
          win.location.href = list.children[active].querySelector("a").href;
        } else if (e.key === "Escape") {
          if (!list.hidden) { e.preventDefault(); close(); } else if (box.value) { box.value = ""; }
        }
      });
      box.addEventListener("blur", function () { win.setTimeout(close, 150); });
    });
  }

  var api = { createEngine: createEngine, isOneEdit: isOneEdit, fuzzyShards: fuzzyShards, shardIndex: shardIndex, lowerBound: lowerBound, markWords: markWords, excerptWindow: excerptWindow, init: init, format: F };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  if (typeof window !== "undefined") {
    window.AnswerKitSearch = api;
    if (typeof document !== "undefined") {
      if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", function () { init(document, window); });
      } else {
        init(document, window);
      }
    }
  }
})();
