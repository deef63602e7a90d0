/*! AnswerKit replies: placeholders and ranking over snippets.json, for the agent console.
 * Kept free of the page so Node can test it. Twins of the Swift library behind
 * `answerkit reply` and the MCP server; the tests run both over the same inputs:
 *   placeholders  Sources/AnswerKit/Content/Placeholder.swift, Placeholder+Values.swift
 *   ranking       Sources/AnswerKit/Agent/ReplyIndex.swift, ReplyIndex+Ranking.swift
 * Classic script after counting.js (AnswerKitCounting); ranking needs analyzer.js
 * (AnswerKitAnalyzer). globalThis.AnswerKitReplies in browsers, module.exports
 * under Node, where it requires ./counting.js itself. */
(function () {
  "use strict";

  var C = typeof module !== "undefined" && module.exports ? require("./counting.js") : globalThis.AnswerKitCounting;
  var measure = C.measure, urlRanges = C.urlRanges;

  // ---- placeholders (Placeholder.swift, Placeholder+Values.swift) -------------

  function isName(name) { return /^[a-z][a-z0-9_]*$/.test(name); }

  /** `text` with each valid {{name}} replaced by `value(name)`; unknown names and an unclosed "{{" stay. */
  function fillWith(text, value) {
    var out = "", rest = String(text);
    for (;;) {
      var open = rest.indexOf("{{");
      if (open < 0) return out + rest;
      out += rest.slice(0, open);
      var close = rest.indexOf("}}", open + 2);
      if (close < 0) return out + rest.slice(open);
      var name = rest.slice(open + 2, close), replacement = isName(name) ? value(name) : null;
      out += replacement == null ? rest.slice(open, close + 2) : replacement;
      rest = rest.slice(close + 2);
    }
  }

  /** The text as [{text}|{placeholder}] pieces, adjacent text merged. */
  function pieces(text) {
    var list = [], literal = "", rest = String(text);
    for (;;) {
      var open = rest.indexOf("{{");
      if (open < 0) break;
      literal += rest.slice(0, open);
      var close = rest.indexOf("}}", open + 2);
      if (close < 0) { literal += rest.slice(open); rest = ""; break; }
      var name = rest.slice(open + 2, close);
      if (isName(name)) {
        if (literal) list.push({ text: literal });
        literal = "";
        list.push({ placeholder: name });
      } else {
        literal += rest.slice(open, close + 2);
      }
      rest = rest.slice(close + 2);
    }
    literal += rest;
    if (literal) list.push({ text: literal });
    return list;
  }

  var CHARSETS = {
    any: { allows: function () { return true; }, summary: "any character" },
    gsm: { allows: C.isGSM, summary: "characters of the GSM 03.38 SMS alphabet" },
    ascii: { allows: function (c) { var v = c.codePointAt(0); return v >= 0x20 && v <= 0x7E; }, summary: "printable ASCII characters" },
    identifier: { allows: function (c) { return /^[A-Za-z0-9_@#-]$/.test(c); }, summary: "ASCII letters, digits and - _ @ #" }
  };

  function isLink(value) {
    var lower = value.toLowerCase(), scalars = Array.from(value);
    if (!(lower.startsWith("https://") || lower.startsWith("http://"))) return false;
    if (!scalars.every(function (c) { var v = c.codePointAt(0); return v >= 0x21 && v <= 0x7E; })) return false;
    var ranges = urlRanges(scalars);
    return ranges.length === 1 && ranges[0][0] === 0 && ranges[0][1] === scalars.length;
  }

  /**
   * What is wrong with `value` for a declaration ({name, type, charset, max}), or null:
   * {code: "too-long", length, max} | {code: "not-link"} | {code: "charset", character} | {code: "has-link"}.
   */
  function check(value, spec) {
    var normalized = String(value).normalize("NFC"), scalars = Array.from(normalized);
    if (spec.max != null && scalars.length > spec.max) return { code: "too-long", length: scalars.length, max: spec.max };
    if (spec.type === "url") return isLink(normalized) ? null : { code: "not-link" };
    var charset = CHARSETS[spec.charset || "any"] || CHARSETS.any;
    for (var i = 0; i < scalars.length; i++) if (!charset.allows(scalars[i])) return { code: "charset", character: scalars[i] };
    return urlRanges(scalars).length ? { code: "has-link" } : null;
  }

  /** `check` as the sentence Placeholder.problem(with:for:) writes, or null. */
  function problem(value, spec) {
    var c = check(value, spec);
    if (!c) return null;
    switch (c.code) {
      case "too-long": return "has " + c.length + " characters; the most is " + c.max;
      case "not-link": return "is not an absolute http(s) link in ASCII, e.g. https://example.com/track/123";
      case "charset":
        return "contains '" + c.character + "' (U+" + c.character.codePointAt(0).toString(16).toUpperCase() + "), but '" +
          spec.name + "' allows only " + (CHARSETS[spec.charset] || CHARSETS.any).summary;
      default: return "contains a link; links go in a placeholder declared with type: url";
    }
  }

  /**
   * Fills every placeholder of `text` from `values`, else its declared default.
   * Returns {text} or {missing: [names], invalid: [{name, problem}]}, like
   * Placeholder.fill(_:values:declarations:). Empty values count as not given.
   */
  function fill(text, values, declarations) {
    values = values || {};
    declarations = declarations || {};
    var missing = [], invalid = [], resolved = {};
    pieces(text).forEach(function (p) {
      var name = p.placeholder;
      if (name === undefined || has(resolved, name) || missing.indexOf(name) >= 0 || invalid.some(function (x) { return x.name === name; })) return;
      var given = has(values, name) && values[name] !== "" ? String(values[name]) : null;
      var spec = has(declarations, name) ? declarations[name] : null;
      var value = given !== null ? given : spec && spec.default != null ? spec.default : null;
      if (value === null) { missing.push(name); return; }
      var wrong = spec ? problem(value, spec) : null;
      if (wrong) { invalid.push({ name: name, problem: wrong }); return; }
      resolved[name] = value;
    });
    if (missing.length || invalid.length) return { missing: missing, invalid: invalid };
    return { text: fillWith(text, function (name) { return has(resolved, name) ? resolved[name] : null; }) };
  }
  function has(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }

  // ---- the bundle ---------------------------------------------------------------

  /** Replies still approved on `today` ("YYYY-MM-DD"): review_by absent or not passed. */
  function current(replies, today) {
    return replies.filter(function (r) { return !r.review_by || r.review_by >= today; });
  }

  /** The channel a reply is measured on (SnippetBundle.measuringChannel): {name, unit, limit} or null. */
  function measuringChannel(bundle, reply, requested) {
    var name = reply.channel === "any" ? requested || reply.limit_channel || "email" : reply.channel;
    var rule = bundle.channels && has(bundle.channels, name) ? bundle.channels[name] : null;
    if (rule) return { name: name, unit: rule.unit, limit: rule.limit };
    if (bundle.channels) return null;
    var builtIn = BUILT_IN[name];
    return builtIn ? { name: name, unit: builtIn[0], limit: builtIn[1] } : null;
  }
  // For bundles written before `channels` was added (Channel.builtIn).
  var BUILT_IN = {
    twitter: ["weighted", 280], facebook: ["characters", 8000], instagram: ["characters", 2200],
    "instagram-dm": ["bytes", 1000], whatsapp: ["characters", 4096], linkedin: ["characters", 1250],
    sms: ["segments", 3], email: ["characters", null]
  };

  /** Whole days from `from` to `to` (both "YYYY-MM-DD"). */
  function daysBetween(from, to) {
    return Math.round((Date.parse(to + "T00:00:00Z") - Date.parse(from + "T00:00:00Z")) / 86400000);
  }

  // ---- ranking (ReplyIndex.swift, ReplyIndex+Ranking.swift) -----------------------

  var R = {
    titleWeight: 3, tagWeight: 2, textWeight: 1, k1: 1.2, b: 0.75,
    alternateWeight: 0.9, prefixWeight: 0.7, fuzzyWeight: 0.5, minimumPrefix: 2, minimumFuzzy: 5,
    maximumQueryWords: 12, otherKindWeight: 0.9
  };

  /**
   * Builds the search index of `replies` in steps, so a page stays responsive
   * while a large bundle is analysed: call `step(until)` with a deadline
   * (performance.now() milliseconds) until it returns true, or `finish()`.
   * `index()` is then the index for `rank`.
   */
  function indexBuilder(replies, analyzer) {
    var next = 0, frequencies = [], lengths = [], cache = new Map(), built = null;
    // Titles and tags repeat across an entry's replies: analyse each once per locale.
    function analyzeCached(text, locale) {
      var key = locale + "\u0000" + text, words = cache.get(key);
      if (!words) { words = analyzer.analyze(text, locale); cache.set(key, words); }
      return words;
    }
    function indexOne(reply) {
      var counts = new Map(), length = 0;
      function add(words, weight) {
        for (var i = 0; i < words.length; i++) {
          length += weight;
          for (var j = 0; j < words[i].length; j++) counts.set(words[i][j], (counts.get(words[i][j]) || 0) + weight);
        }
      }
      add(analyzeCached(reply.title, reply.locale), R.titleWeight);
      (reply.tags || []).forEach(function (tag) { add(analyzeCached(tag, reply.locale), R.tagWeight); });
      add(analyzer.analyze(fillWith(reply.text, function () { return " "; }), reply.locale), R.textWeight);
      frequencies.push(counts);
      lengths.push(length);
    }
    function step(until) {
      while (next < replies.length) {
        indexOne(replies[next++]);
        if ((next & 15) === 0 && until !== undefined && now() >= until) return false;
      }
      return true;
    }
    function index() {
      if (built) return built;
      step();
      var lists = new Map();
      frequencies.forEach(function (counts, reply) {
        counts.forEach(function (tf, term) {
          var list = lists.get(term);
          if (!list) lists.set(term, list = []);
          list.push(reply, tf);
        });
      });
      var terms = Array.from(lists.keys()).sort(); // UTF-16 order: a prefix's terms are contiguous
      var n = replies.length, total = 0;
      lengths.forEach(function (l) { total += l; });
      var average = n === 0 ? 1 : total / n;
      var numbers = new Map(), postings = [], termLengths = [];
      terms.forEach(function (term, i) {
        numbers.set(term, i);
        termLengths.push(codePoints(term));
        var list = lists.get(term), df = list.length / 2, idf = naturalLog(1 + (n - df + 0.5) / (df + 0.5)), out = [];
        for (var k = 0; k < list.length; k += 2) out.push(list[k], impact(list[k + 1], lengths[list[k]], average, idf));
        postings.push(out);
      });
      built = { replies: replies, terms: terms, numbers: numbers, postings: postings, termLengths: termLengths, scalars: [] };
      return built;
    }
    return { step: step, index: index, progress: function () { return replies.length ? next / replies.length : 1; } };
  }

  function now() { return typeof performance !== "undefined" ? performance.now() : Date.now(); }
  function codePoints(s) { var n = 0; for (var i = 0; i < s.length; i++) { var c = s.charCodeAt(i); if (c < 0xDC00 || c > 0xDFFF) n++; } return n; }

  /** The index of `replies` at once. */
  function createIndex(replies, analyzer) { return indexBuilder(replies, analyzer).index(); }

  // BM25 of one posting; the same operations in the same order as ReplyIndex.impact.
  function impact(tf, length, average, idf) {
    var norm = R.k1 * (1 - R.b + R.b * length / average);
    return idf * (tf * (R.k1 + 1)) / (tf + norm);
  }

  // ln(x) for x >= 1 from + - * / only, exactly as ReplyIndex.naturalLog: Math.log
  // may round differently from the C library, and scores must match to the bit.
  function naturalLog(x) {
    var m = x, k = 0;
    while (m >= 2) { m /= 2; k += 1; }
    var s = (m - 1) / (m + 1), s2 = s * s, term = s, total = 0;
    for (var i = 0; i < 12; i++) { total += term / (2 * i + 1); term *= s2; }
    return 2 * total + k * 0.6931471805599453;
  }

  function lowerBound(terms, term) {
    var low = 0, high = terms.length;
    while (low < high) { var mid = (low + high) >> 1; if (terms[mid] < term) low = mid + 1; else high = mid; }
    return low;
  }

  /** One insertion, deletion, substitution or swap of neighbours (arrays of code points). */
  function isOneEdit(a, b) {
    if (Math.abs(a.length - b.length) > 1) return false;
    var i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    if (i === a.length && i === b.length) return false; // equal
    function sameFrom(x, p, y, q) {
      if (x.length - p !== y.length - q) return false;
      for (; p < x.length; p++, q++) if (x[p] !== y[q]) return false;
      return true;
    }
    if (a.length === b.length) {
      return sameFrom(a, i + 1, b, i + 1) || (i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && sameFrom(a, i + 2, b, i + 2));
    }
    return a.length > b.length ? sameFrom(a, i + 1, b, i) : sameFrom(a, i, b, i + 1);
  }

  function candidates(index, forms, prefix) {
    var weights = new Map(), exact = false;
    function add(term, weight) { if (weight > (weights.get(term) || 0)) weights.set(term, weight); }
    forms.forEach(function (form, position) {
      var term = index.numbers.get(form);
      if (term !== undefined) { add(term, position === 0 ? 1 : R.alternateWeight); exact = true; }
    });
    if (prefix) {
      forms.forEach(function (form) {
        if (codePoints(form) < R.minimumPrefix) return;
        for (var i = lowerBound(index.terms, form); i < index.terms.length && index.terms[i].startsWith(form); i++) {
          if (index.terms[i] !== form) add(i, R.prefixWeight);
        }
      });
    }
    if (!exact && forms.length && codePoints(forms[0]) >= R.minimumFuzzy) {
      var target = Array.from(forms[0]), b0 = target[0], b1 = target[1];
      for (var t = 0; t < index.terms.length; t++) {
        if (Math.abs(index.termLengths[t] - target.length) > 1) continue;
        // Whatever the one edit is, one of the first two code points of each word matches
        // one of the other's: a cheap test before splitting the term into code points.
        var term = index.terms[t], a0 = String.fromCodePoint(term.codePointAt(0)), a1 = String.fromCodePoint(term.codePointAt(a0.length) || 0);
        if (a0 !== b0 && a0 !== b1 && a1 !== b0 && a1 !== b1) continue;
        var scalars = index.scalars[t] || (index.scalars[t] = Array.from(index.terms[t]));
        if (isOneEdit(scalars, target)) add(t, R.fuzzyWeight);
      }
    }
    return weights;
  }

  /** Whether `reply` passes {locale, channel, kind} (a reply for `any` passes every channel). */
  function allows(filter, reply) {
    return (!filter.locale || reply.locale === filter.locale) &&
      (!filter.channel || reply.channel === filter.channel || reply.channel === "any") &&
      (!filter.kind || reply.kind === filter.kind);
  }

  /** The replies of `index` passing `filter` that match `query`, best first: [{position, score}]. */
  function rank(index, query, filter, analyzer) {
    var text = String(query), replies = index.replies, ranked = [];
    var prefixMode = text.length > 0 && !/\s/.test(text[text.length - 1]);
    // Locales whose analysis of the query is the same are scored in one pass; each
    // allowed reply gets the number of its locale's group (-1: filtered out).
    var groups = [], keys = new Map(), groupOfLocale = new Map(), group = new Int32Array(replies.length);
    replies.forEach(function (reply, i) {
      group[i] = -1;
      if (!allows(filter || {}, reply)) return;
      if (!groupOfLocale.has(reply.locale)) {
        var words = analyzer.analyzeQuery(text, reply.locale).slice(0, R.maximumQueryWords), key = JSON.stringify(words);
        if (!words.length) groupOfLocale.set(reply.locale, -1);
        else {
          if (!keys.has(key)) { keys.set(key, groups.length); groups.push(words); }
          groupOfLocale.set(reply.locale, keys.get(key));
        }
      }
      group[i] = groupOfLocale.get(reply.locale);
    });
    var cache = new Map(); // candidates depend on the forms only, not the locale
    groups.forEach(function (words, g) {
      var totals = new Map(), matched = new Map();
      words.forEach(function (forms, position) {
        var best = new Map(), prefix = prefixMode && position === words.length - 1, key = prefix + JSON.stringify(forms);
        if (!cache.has(key)) cache.set(key, candidates(index, forms, prefix));
        cache.get(key).forEach(function (weight, term) {
          var list = index.postings[term];
          for (var i = 0; i < list.length; i += 2) {
            var reply = list[i];
            if (group[reply] !== g) continue;
            var score = list[i + 1] * weight;
            if (score > (best.get(reply) || 0)) best.set(reply, score);
          }
        });
        best.forEach(function (score, reply) {
          totals.set(reply, (totals.get(reply) || 0) + score);
          matched.set(reply, (matched.get(reply) || 0) + 1);
        });
      });
      var count = words.length * words.length;
      totals.forEach(function (total, reply) {
        var k = matched.get(reply), score = total * (k * k) / count;
        ranked.push({ position: reply, score: replies[reply].kind === "answer" ? score : score * R.otherKindWeight });
      });
    });
    return ranked.sort(function (a, b) {
      if (a.score !== b.score) return b.score - a.score;
      var x = replies[a.position].kind === "answer", y = replies[b.position].kind === "answer";
      if (x !== y) return x ? -1 : 1;
      return a.position - b.position;
    });
  }

  var api = {
    measure: measure, // AnswerKitCounting.measure, here too for convenience
    isName: isName, fillWith: fillWith, pieces: pieces, check: check, problem: problem, fill: fill,
    current: current, measuringChannel: measuringChannel, daysBetween: daysBetween, allows: allows,
    indexBuilder: indexBuilder, createIndex: createIndex, rank: rank, naturalLog: naturalLog, isOneEdit: isOneEdit,
    ranking: R
  };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  if (typeof globalThis !== "undefined") globalThis.AnswerKitReplies = api;
})();
