/*! AnswerKit search analyzer: text -> search terms, one list per word, primary
 * term first. The same rules as Sources/AnswerKit/Search/Analysis (Swift, which
 * builds the index and adds caching); Tests/Fixtures/analysis/*.json keeps the
 * two identical, and that folder's README.md documents the rules. Classic
 * script, no dependencies: globalThis.AnswerKitAnalyzer in browsers,
 * module.exports under Node. */
(function () {
  "use strict";

  var MAX = 64; // longest term, in scalars
  var WORD = 1, MARK = 2, IGNORABLE = 4, DIGIT = 8;
  var reWord = /[\p{L}\p{N}]/u, reDigit = /\p{Nd}/u, reMark = /\p{M}/u, reFormat = /\p{Cf}/u;
  var reSymbols = /[\p{S}\u2139]/gu;
  var reDiacritics = /^[\u0300-\u036F\u1AB0-\u1AFF\u1DC0-\u1DFF\u20D0-\u20FF\uFE20-\uFE2F]+$/;
  var APOS = "'", QUOTE = '"';
  var TR_LETTERS = "çğıöşü", TR_FOLD = "cgiosu";

  function words(list) { return list.split(" "); }
  function len(s) { return Array.from(s).length; } // in scalars
  function has(list, s) { return list.indexOf(s) >= 0; }

  // ---- scalar classes (ScalarInfo.swift) ------------------------------------

  function info(ch, cp) {
    if (cp < 0x80) return /[0-9]/.test(ch) ? WORD | DIGIT : /[A-Za-z]/.test(ch) ? WORD : 0;
    if ((cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF) || cp === 0x34F) return IGNORABLE;
    if (cp === 0x2139) return 0;
    if (reWord.test(ch)) return reDigit.test(ch) ? WORD | DIGIT : WORD;
    if (reMark.test(ch)) return MARK;
    return reFormat.test(ch) ? IGNORABLE : 0;
  }

  function scriptOf(cp, flags) {
    if (flags & DIGIT) return "o";
    if ((cp >= 0x590 && cp <= 0x5FF) || (cp >= 0xFB1D && cp <= 0xFB4F)) return "h";
    if ((cp >= 0x600 && cp <= 0x6FF) || (cp >= 0x750 && cp <= 0x77F) || (cp >= 0x870 && cp <= 0x8FF) ||
        (cp >= 0xFB50 && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFF)) return "a";
    if ((cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
        (cp >= 0x20000 && cp <= 0x3FFFF)) return "han";
    return "o";
  }

  // ---- tokenizer (Tokenizer.swift) ------------------------------------------

  function joinerOf(cp) {
    switch (cp) {
      case 0x27: case 0x2019: case 0x2BC: case 0x5F3: return "apos";
      case 0x22: case 0x5F4: return "quote";
      case 0x2D: case 0x2010: case 0x2011: case 0x5BE: case 0x2E: case 0x5F: return "compound";
      case 0x2C: case 0x66B: case 0x66C: return "digits";
    }
    return null;
  }

  function tokenize(text) {
    var out = [], segments = [], current = "", script = "o", pending = null, lastFlags = 0;
    function finish(attached, open) {
      pending = null;
      if (current) { segments.push(current); current = ""; }
      if (!segments.length) return;
      out.push({ segments: segments, script: script, attached: attached, open: open });
      segments = [];
    }
    function start(ch, s, flags) { script = s; current += ch; lastFlags = flags; }
    for (var ch of text) {
      var cp = ch.codePointAt(0), flags = info(ch, cp);
      if (flags & IGNORABLE) continue;
      var joiner = joinerOf(cp);
      if (joiner) {
        if (current && !pending) pending = joiner; else finish(false, false);
        continue;
      }
      if (flags & MARK) { if (current && !pending) current += ch; continue; }
      if (!(flags & WORD)) { finish(false, false); continue; }
      var s = scriptOf(cp, flags);
      if (!current) {
        start(ch, s, flags);
      } else if (pending) {
        var j = pending;
        pending = null;
        var allowed = j === "quote" ? script === "h" : j === "digits" ? (lastFlags & DIGIT) && (flags & DIGIT) : true;
        if (s === script && s !== "han" && allowed) {
          if (j === "apos") current += APOS;
          else if (j === "quote") current += QUOTE;
          else { segments.push(current); current = ""; }
          current += ch;
          lastFlags = flags;
        } else {
          finish(j === "compound" && s !== script && s !== "han" && script !== "han", false);
          start(ch, s, flags);
        }
      } else if (s !== script || s === "han") {
        finish(s !== "han" && script !== "han", false);
        start(ch, s, flags);
      } else {
        current += ch;
        lastFlags = flags;
      }
    }
    finish(false, pending === null);
    return out;
  }

  // ---- normalization (ScalarNormalizer.swift) --------------------------------

  // Base letters of precomposed Latin and Greek letters, from NFD.
  var FOLD = {};
  [[0xC0, 0x24F], [0x370, 0x3FF], [0x1E00, 0x1FFF]].forEach(function (r) {
    for (var v = r[0]; v <= r[1]; v++) {
      var d = String.fromCharCode(v).normalize("NFD");
      if (d.length > 1 && /\p{L}/u.test(d[0]) && reDiacritics.test(d.slice(1))) FOLD[v] = d[0];
    }
  });
  // Letters spelled out or unified (Latin, Greek, Arabic, Hebrew finals).
  var MAP = { "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th" };
  words("øo đd ðd ħh ıi łl ŧt ςσ آا أا إا ٱا ةه ۀه ىي ئي یي ؤو کك ךכ םמ ןנ ףפ ץצ").forEach(function (p) { MAP[p[0]] = p[1]; });
  // Arabic harakat, Quranic marks and tatweel; Hebrew niqqud and cantillation.
  var reDeleted = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED\u0640\u0591-\u05BD\u05BF\u05C1\u05C2\u05C4\u05C5\u05C7]/;

  function foldChar(ch, cp, tr) {
    if (cp < 0x80) return ch;
    if (reDeleted.test(ch) || reDiacritics.test(ch)) return "";
    if (cp >= 0x660 && cp <= 0x669) return String(cp - 0x660); // Arabic-Indic digits
    if (cp >= 0x6F0 && cp <= 0x6F9) return String(cp - 0x6F0); // Persian digits
    if (tr && TR_LETTERS.indexOf(ch) >= 0) return ch;
    return MAP[ch] || FOLD[cp] || ch;
  }

  function normalize(segment, tr) {
    if (tr) segment = segment.replace(/I/g, "ı").replace(/\u0130/g, "i");
    var out = "";
    for (var ch of segment.toLowerCase()) out += foldChar(ch, ch.codePointAt(0), tr);
    return out;
  }

  function foldTurkish(s) {
    return s.replace(/[çğıöşü]/g, function (c) { return TR_FOLD[TR_LETTERS.indexOf(c)]; });
  }

  // ---- English: Porter2 steps 1a, 1b, 1c and 5 (EnglishStemmer.swift) --------

  function isV(c) { return "aeiouy".indexOf(c) >= 0; }
  function region(w, start) {
    for (var i = start + 1; i < w.length; i++) if (!isV(w[i]) && isV(w[i - 1])) return i + 1;
    return w.length;
  }
  function shortSyllable(w, end) {
    if (end === 2) return isV(w[0]) && !isV(w[1]);
    if (end < 3) return false;
    var last = w[end - 1];
    return !isV(w[end - 3]) && isV(w[end - 2]) && !isV(last) && "wxY".indexOf(last) < 0;
  }
  function hasVowel(w, end) { for (var i = 0; i < end; i++) if (isV(w[i])) return true; return false; }

  function stemEnglish(word) {
    if (word.length <= 2) return word;
    var w = word.replace(/^y/, "Y").replace(/([aeiouy])y/g, "$1Y");
    var r1 = region(w, 0);
    ["gener", "commun", "arsen"].forEach(function (p) { if (w.startsWith(p)) r1 = p.length; });
    var r2 = region(w, r1);
    var end = function (s) { return w.endsWith(s); };
    // 1a
    if (end("sses")) w = w.slice(0, -2);
    else if (end("ied") || end("ies")) w = w.slice(0, w.length > 4 ? -2 : -1);
    else if (end("us") || end("ss")) { /* keep */ }
    else if (end("s") && hasVowel(w, w.length - 2)) w = w.slice(0, -1);
    // 1b
    if (end("eedly")) { if (w.length - 5 >= r1) w = w.slice(0, -3); }
    else if (end("eed")) { if (w.length - 3 >= r1) w = w.slice(0, -1); }
    else {
      var suffix = ["ingly", "edly", "ing", "ed"].find(end);
      if (suffix && hasVowel(w, w.length - suffix.length)) {
        w = w.slice(0, -suffix.length);
        var n = w.length;
        if (end("at") || end("bl") || end("iz")) w += "e";
        else if (n >= 2 && w[n - 1] === w[n - 2] && "bdfgmnprt".indexOf(w[n - 1]) >= 0) w = w.slice(0, -1);
        else if (shortSyllable(w, n) && r1 >= n) w += "e";
      }
    }
    // 1c
    if (w.length > 2 && /[yY]$/.test(w) && !isV(w[w.length - 2])) w = w.slice(0, -1) + "i";
    // 5
    var last = w.length - 1;
    if (w[last] === "e") { if (last >= r2 || (last >= r1 && !shortSyllable(w, last))) w = w.slice(0, -1); }
    else if (w[last] === "l" && last >= r2 && w[last - 1] === "l") w = w.slice(0, -1);
    return w.replace(/Y/g, "y");
  }

  // ---- French (FrenchStemmer.swift) ------------------------------------------

  function stemFrench(w) {
    var n = w.length;
    if (n > 5 && w.endsWith("aux") && w[n - 4] !== "e") w = w.slice(0, -2) + "l";
    else if (n > 3 && w.endsWith("x")) w = w.slice(0, -1);
    else if (n > 3 && w.endsWith("s") && !w.endsWith("ss")) w = w.slice(0, -1);
    if (w.length >= 9 && (w.endsWith("ement") || w.endsWith("ation"))) w = w.slice(0, -5);
    var s = ["ee", "ez", "er", "e"].find(function (x) { return w.endsWith(x) && w.length - x.length >= 3; });
    if (s) w = w.slice(0, -s.length);
    n = w.length;
    if (n >= 4 && w[n - 1] === w[n - 2] && "aeiouys".indexOf(w[n - 1]) < 0) w = w.slice(0, -1);
    return w;
  }

  // ---- Turkish (TurkishStemmer.swift) -----------------------------------------

  var TR_VOWELS = "aeıioöuü", TR_HIGH = "ıiuü";
  var TR_SUFFIXES = [];
  [["any", "lar ler ları leri da de ta te dan den tan ten daki deki taki teki la le dır dir dur dür tır tir tur tür"],
   ["v", "m mız miz muz müz nız niz nuz nüz sı si su sü yı yi yu yü ya ye nın nin nun nün yla yle"],
   ["hv", "nı ni nu nü na ne nda nde ndan nden ndaki ndeki"],
   ["c", "ım im um üm ımız imiz umuz ümüz ın in un ün ınız iniz unuz ünüz ı i u ü a e"]
  ].forEach(function (g) { words(g[1]).forEach(function (s) { TR_SUFFIXES.push([s, g[0]]); }); });
  TR_SUFFIXES.sort(function (a, b) { return b[0].length - a[0].length; });

  function stemTurkish(w, buffered3sg) {
    var end = w.length;
    strip: for (;;) {
      for (var i = 0; i < TR_SUFFIXES.length; i++) {
        var s = TR_SUFFIXES[i][0], ctx = TR_SUFFIXES[i][1], start = end - s.length;
        if (start < (ctx === "hv" ? 4 : 3) || w.slice(start, end) !== s) continue;
        if (!buffered3sg && s.length === 2 && s[0] === "s") continue;
        var before = w[start - 1];
        if (ctx === "v" ? TR_VOWELS.indexOf(before) < 0 : ctx === "hv" ? TR_HIGH.indexOf(before) < 0 :
            ctx === "c" ? TR_VOWELS.indexOf(before) >= 0 : false) continue;
        if (!/[aeıioöuü]/.test(w.slice(0, start))) continue;
        end = start;
        continue strip;
      }
      break;
    }
    var stem = w.slice(0, end), soft = stem.length >= 3 && { b: "p", d: "t", g: "k", "ğ": "k" }[stem[stem.length - 1]];
    return soft ? stem.slice(0, -1) + soft : stem;
  }

  // ---- Arabic (ArabicStemmer.swift) -------------------------------------------

  var AR_PREFIXES = words("ال وال بال كال فال لل و");
  var AR_SUFFIXES = words("ها ان ات ون ين يه ية ه ة ي");
  var AR_PRONOUNS = words("كما هما كم كن هم هن نا ها ك ه ي");
  var AR_CLITICS = words("وبال فبال وكال فكال ولل فلل وال فال بال كال لل ال وب فب ول فل وك فك و ف ب ل ك");

  function light10Prefix(w) {
    for (var i = 0; i < AR_PREFIXES.length; i++) {
      var p = AR_PREFIXES[i];
      if (w.length >= (p.length === 1 ? 4 : p.length + 2) && w.startsWith(p)) return w.slice(p.length);
    }
    return w;
  }
  function light10Suffix(w) {
    AR_SUFFIXES.forEach(function (s) { if (w.length >= s.length + 2 && w.endsWith(s)) w = w.slice(0, -s.length); });
    return w;
  }
  function stripPronoun(w) {
    for (var i = 0; i < AR_PRONOUNS.length; i++) {
      var s = AR_PRONOUNS[i];
      if (w.length - s.length >= 3 && w.endsWith(s)) {
        var stem = w.slice(0, -s.length);
        if (stem.length >= 4 && stem.endsWith("\u062A") && !stem.endsWith("\u0627\u062A")) stem = stem.slice(0, -1);
        return stem;
      }
    }
    return w;
  }
  function stripClitic(w) {
    for (var i = 0; i < AR_CLITICS.length; i++) {
      if (w.length - AR_CLITICS[i].length >= 3 && w.startsWith(AR_CLITICS[i])) return w.slice(AR_CLITICS[i].length);
    }
    return w;
  }
  var AR_ARTICLES = AR_CLITICS.filter(function (c) { return /(ال|لل)$/.test(c); });
  function withoutTypedArticle(w) {
    var c = AR_ARTICLES.find(function (c) { return w.length > c.length && w.startsWith(c); });
    return c ? w.slice(c.length) : "";
  }
  function stemsArabic(w) {
    var light = light10Prefix(w);
    return [light10Suffix(light), light10Suffix(stripPronoun(light)), light10Suffix(stripPronoun(stripClitic(w)))];
  }

  // ---- Hebrew (HebrewPrefixes.swift) ------------------------------------------

  // The prefix letters that may follow each one ("" = first).
  var HE_NEXT = { "": "והבלמשכ", "ו": "הבלמשכ", "ש": "הבלמכ", "מ": "שה", "כ": "ש" };
  function heCluster(letters) {
    var prev = "";
    for (var c of letters) { if ((HE_NEXT[prev] || "").indexOf(c) < 0) return false; prev = c; }
    return prev !== "";
  }
  function termsHebrew(w) {
    var out = [w];
    for (var k = 1; k <= Math.min(4, w.length - 3) && heCluster(w.slice(0, k)); k++) out.push(w.slice(k));
    return out;
  }

  // ---- words to terms (WordAnalyzer.swift) ------------------------------------

  var ELISIONS = words("l m t qu n s j d c jusqu quoiqu lorsqu puisqu");
  var COMPLETIONS = {
    en: words("s es ies ed ied ing ingly edly"),
    fr: words("s x e es ee ees ez er ement ements ation ations"),
    tr: TR_SUFFIXES.map(function (s) { return s[0]; }),
    ar: words("ها ان ات ون ين يه ه ي كما هما كم كن هم هن نا ك")
  };
  var LANGS = { en: 1, fr: 1, tr: 1, ar: 1, he: 1 };

  function language(locale) {
    var code = String(locale == null ? "" : locale).toLowerCase().split(/[-_]/).filter(Boolean)[0] || "";
    return code === "iw" ? "he" : LANGS[code] ? code : "";
  }

  function stemmerFor(lang, w, script) {
    if (script === "o" && (lang === "en" || lang === "fr")) return /^[a-z]+$/.test(w) ? lang : "";
    if (script === "o" && lang === "tr") return /^[a-zçğıöşü]+$/.test(w) ? lang : "";
    if ((lang === "ar" && script === "a") || (lang === "he" && script === "h")) return lang;
    return "";
  }

  function stems(lang, w, script) {
    if (len(w) > MAX) return [];
    switch (stemmerFor(lang, w, script)) {
      case "en": return [stemEnglish(w)];
      case "fr": return [stemFrench(w)];
      case "tr":
        return [stemTurkish(w, true), stemTurkish(w, false)].map(foldTurkish);
      case "ar": return stemsArabic(w);
      case "he": return termsHebrew(w);
    }
    return [lang === "tr" ? foldTurkish(w) : w];
  }

  function completions(lang, w, script) {
    var lang2 = stemmerFor(lang, w, script), out = [];
    (COMPLETIONS[lang2] || []).forEach(function (suffix) {
      for (var typed = 0; typed < suffix.length; typed++) {
        if (w.endsWith(suffix.slice(0, typed))) out = out.concat(stems(lang, w + suffix.slice(typed), script));
      }
    });
    return out;
  }

  function resolveApostrophes(segs, lang, script) {
    if (script === "o") {
      var i = segs[0].indexOf(APOS), last = segs.length - 1;
      if (lang === "fr" && i >= 0 && has(ELISIONS, segs[0].slice(0, i))) segs[0] = segs[0].slice(i + 1);
      if (lang === "en" && segs[last].endsWith("'s")) segs[last] = segs[last].slice(0, -2);
      if (lang === "tr") {
        var part = segs.findIndex(function (s) { return s.indexOf(APOS) >= 0; });
        if (part >= 0) segs = segs.slice(0, part).concat([segs[part].slice(0, segs[part].indexOf(APOS))]);
      }
    }
    return segs.map(function (s) { return s.replace(/['"]/g, ""); });
  }

  function isClitic(w, script) {
    return script === "a" ? has(AR_CLITICS, w) : script === "h" ? w.length <= 4 && heCluster(w) : false;
  }

  function termsFor(word, lang, completing) {
    var segs = word.segments.map(function (s) { return normalize(s, lang === "tr"); });
    segs = resolveApostrophes(segs, lang, word.script).filter(Boolean);
    if (!segs.length) return [];
    if (word.attached && segs.length === 1 && isClitic(segs[0], word.script)) return [];
    var whole = segs.join(""), terms = [];
    var add = function (list) { list.forEach(function (t) { if (t && !has(terms, t)) terms.push(t); }); };
    add(stems(lang, whole, word.script));
    if (segs.length > 1) segs.forEach(function (s) { if (len(s) > 1) add(stems(lang, s, word.script)); });
    if (completing && len(whole) <= MAX) {
      add([lang === "tr" ? foldTurkish(whole) : whole]);
      if (lang === "ar" && word.script === "a") add([withoutTypedArticle(whole)]);
      add(completions(lang, whole, word.script));
      terms = terms.filter(function (t, i) {
        return i === 0 || !terms.some(function (u) { return u.length < t.length && t.startsWith(u); });
      });
    }
    return terms;
  }

  function run(text, locale, query) {
    var lang = language(locale);
    var prepared = String(text == null ? "" : text).replace(reSymbols, " ").normalize("NFKC");
    var list = tokenize(prepared), out = [];
    list.forEach(function (word, i) {
      var terms = termsFor(word, lang, query && i === list.length - 1 && word.open);
      if (terms.length) out.push(terms);
    });
    return out;
  }

  var api = {
    /** Index terms of `text`: one array per word, primary term first. */
    analyze: function (text, locale) { return run(text, locale, false); },
    /** Query terms: match the last word's terms as prefixes when the text ends inside it. */
    analyzeQuery: function (text, locale) { return run(text, locale, true); },
    language: language
  };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  if (typeof globalThis !== "undefined") globalThis.AnswerKitAnalyzer = api;
})();
