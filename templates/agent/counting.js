/*! AnswerKit counting: a message's length by its channel's rule, for the agent console.
 * The twin of Sources/AnswerKit/Counting (TwitterCounter, URLScanner, Punycode,
 * TopLevelDomains, SMSCounter, LengthCount): `measure(text, channel)` gives what
 * `answerkit count --format json` prints; Tests/js/console-counting.test.mjs runs
 * twitter-text's conformance cases through it and Tests/CLITests/ReplyCLITests.swift
 * compares it with `answerkit count`. Classic script, no dependencies:
 * globalThis.AnswerKitCounting in browsers, module.exports under Node. */
(function () {
  "use strict";

  // ---- counting: twitter-text v3 weighted length (TwitterCounter.swift) -------

  var reAlpha = /[\p{Alphabetic}]/u, reDecimal = /\p{Nd}/u, reHostMark = /[\p{Mn}\p{Mc}]/u, reSpace = /\p{White_Space}/u;
  var reEmojiPresentation = /\p{Emoji_Presentation}/u, reEmoji = /\p{Emoji}/u;

  function weightOf(cp) {
    return cp <= 0x10FF || (cp >= 0x2000 && cp <= 0x200D) || (cp >= 0x2010 && cp <= 0x201F) ||
      (cp >= 0x2032 && cp <= 0x2037) ? 100 : 200;
  }

  // Grapheme clusters, as Swift's Characters.
  var segmenter = typeof Intl !== "undefined" && Intl.Segmenter ? new Intl.Segmenter(undefined, { granularity: "grapheme" }) : null;
  function graphemes(text) {
    if (!segmenter) return Array.from(text); // very old browsers: code points
    var out = [];
    for (var s of segmenter.segment(text)) out.push(s.segment);
    return out;
  }

  /** Whether a grapheme cluster (array of code points) counts as one emoji. */
  function isEmojiSequence(cps) {
    var first = cps[0];
    if (first === undefined) return false;
    if (cps.indexOf(0x20E3) >= 0) return true; // keycap
    if (first >= 0x1F1E6 && first <= 0x1F1FF) return true; // regional indicators
    var ch = String.fromCodePoint(first);
    if (reEmojiPresentation.test(ch)) return true;
    if (!reEmoji.test(ch) || first < 0x80 || cps.length === 1) return false;
    for (var i = 1; i < cps.length; i++) {
      var c = cps[i];
      if (c === 0xFE0F || c === 0x200D || (c >= 0x1F3FB && c <= 0x1F3FF) || (c >= 0xE0020 && c <= 0xE007F)) return true;
    }
    return false;
  }

  /** twitter-text v3 weighted length of `text` and whether it holds U+FFFE, U+FEFF or U+FFFF. */
  function weightedLength(text) {
    var normalized = String(text).normalize("NFC");
    var urls = urlRanges(Array.from(normalized));
    var weight = 0, invalid = false, offset = 0, next = 0;
    graphemes(normalized).forEach(function (g) {
      var cps = Array.from(g, function (c) { return c.codePointAt(0); }), count = cps.length, i;
      while (next < urls.length && urls[next][1] <= offset) next++;
      if (next < urls.length && urls[next][0] <= offset && offset < urls[next][1]) {
        if (urls[next][0] === offset) weight += 23 * 100;
        // A cluster may straddle the end of a URL; its remaining code points count.
        var tail = offset + count - urls[next][1];
        for (i = count - tail; tail > 0 && i < count; i++) weight += weightOf(cps[i]);
      } else if (isEmojiSequence(cps)) {
        weight += 200;
      } else {
        for (i = 0; i < count; i++) {
          if (cps[i] === 0xFFFE || cps[i] === 0xFEFF || cps[i] === 0xFFFF) invalid = true;
          weight += weightOf(cps[i]);
        }
      }
      offset += count;
    });
    return { length: Math.floor(weight / 100), invalid: invalid };
  }

  // ---- URLs X links (URLScanner.swift, TopLevelDomains.swift, Punycode.swift) --

  // Keep in step with TopLevelDomains.swift (Tests/js/console-counting.test.mjs compares them).
  var TLDS = new Set((
    "ac academy ad ae aero af ag agency ai al am amazon ao app apple aq ar arpa as asia at au aw ax az ba bank bb bd " +
    "be bf bg bh bi biz bj blog bm bn bo br bs bt bw by bz ca care cat cc cd center cf cg ch chat ci ck cl click " +
    "cloud club cm cn co com company coop cr cu cv cw cx cy cz de design dev digital dj dk dm do dz ec edu ee eg " +
    "email er es et eu facebook fashion fi finance fitness fj fk fm fo fr ga game games gd ge gf gg gh gi gl global " +
    "gm gn google gov gp gq gr group gs gt gu gw gy health help hk hm hn hr ht hu id ie il im in info insurance int " +
    "io iq ir is it je jm jo jobs jp ke kg kh ki km kn kp kr kw ky kz la law lb lc legal li life link live lk lr ls " +
    "lt lu lv ly ma market mc md me media mg mh microsoft mil mk ml mm mn mo mobi money mp mq mr ms mt mu museum mv " +
    "mw mx my mz na name nc ne net network news nf ng ni nl no np nr nu nz om online org pa page pe pf pg ph " +
    "photography photos pk pl pm pn post pr pro ps pt pw py qa re ro rs ru rw sa sb sc sd se services sg sh shop si " +
    "site sk sl sm sn so social software solutions space sr ss st store studio su support sv sx sy systems sz tc td " +
    "tech tel tf tg th tj tk tl tm tn to today top tr travel tt tv tw twitter tz ua ug uk us uy uz va vc ve vg vi vip " +
    "vn vu website wf world ws xyz ye youtube yt za zm zw рф ישראל السعودية امارات مصر پاکستان みんな 中国 台湾 台灣 香港 한국"
  ).split(" "));

  function isWord(c) { return c === "_" || reAlpha.test(c) || reDecimal.test(c); }
  function isHost(c) { return c === "-" || c === "_" || reAlpha.test(c) || reDecimal.test(c) || reHostMark.test(c); }
  function isDirectional(c) {
    var v = c.codePointAt(0);
    return (v >= 0x202A && v <= 0x202E) || (v >= 0x2066 && v <= 0x2069) || v === 0x200E || v === 0x200F;
  }
  function isASCII(c) { return c.codePointAt(0) < 0x80; }

  /** [start, end) code-point ranges of `s` (an array of code points as strings) that X turns into links. */
  function urlRanges(s) {
    var ranges = [], i = 0;
    while (i < s.length) {
      var end = matchURL(s, i);
      if (end >= 0) { ranges.push([i, end]); i = end; } else i++;
    }
    return ranges;
  }

  function matchURL(s, start) {
    if (start > 0 && (isWord(s[start - 1]) || "@$#＠＃./".indexOf(s[start - 1]) >= 0)) return -1;
    var position = scheme(s, start), hasProtocol = position >= 0;
    if (!hasProtocol) {
      if (!isHost(s[start])) return -1;
      position = start;
    }
    var h = host(s, position);
    if (!h || h.labels.length < 2) return -1;
    for (var i = 0; i < h.labels.length; i++) {
      var ascii = asciiLabel(h.labels[i]);
      if (ascii === null || ascii.length < 1 || ascii.length > 63) return -1;
    }
    var tld = h.labels[h.labels.length - 1].join("").toLowerCase(), tldLength = Array.from(tld).length;
    if (hasProtocol) {
      if (tldLength < 2 || !Array.from(tld).every(function (c) { return reAlpha.test(c); })) return -1;
    } else if (!TLDS.has(tld)) {
      return -1;
    }
    var end = h.end;
    if (end < s.length && s[end] === ":") {
      var digits = end + 1;
      while (digits < s.length && s[digits] >= "0" && s[digits] <= "9") digits++;
      if (digits > end + 1) end = digits;
    }
    var hasPath = end < s.length && "/?#".indexOf(s[end]) >= 0;
    if (hasPath) end = pathEnd(s, end);
    // A bare two-label ccTLD domain without a path ("example.co") is no link, except t.co.
    if (!hasProtocol && !hasPath && h.labels.length === 2 && tldLength === 2) {
      if (h.labels.map(function (l) { return l.join(""); }).join(".").toLowerCase() !== "t.co") return -1;
    }
    return end - start > 4096 ? -1 : end;
  }

  function scheme(s, start) {
    var prefixes = ["https://", "http://"];
    for (var p = 0; p < prefixes.length; p++) {
      var prefix = prefixes[p];
      if (start + prefix.length > s.length) continue;
      var same = true;
      for (var i = 0; i < prefix.length && same; i++) same = s[start + i].toLowerCase() === prefix[i];
      if (same) return start + prefix.length;
    }
    return -1;
  }

  function host(s, start) {
    var labels = [], labelStart = start, i = start;
    for (;;) {
      while (i < s.length && isHost(s[i])) i++;
      if (i <= labelStart) break;
      labels.push(s.slice(labelStart, i));
      if (i + 1 < s.length && s[i] === "." && isHost(s[i + 1])) { i++; labelStart = i; } else break;
    }
    if (!labels.length) return null;
    for (var k = 0; k < labels.length; k++) {
      var l = labels[k];
      if (l[0] === "-" || l[l.length - 1] === "-") return null;
    }
    return { end: i, labels: labels };
  }

  function pathEnd(s, start) {
    var end = start;
    while (end < s.length && !reSpace.test(s[end]) && !isDirectional(s[end])) end++;
    while (end > start) {
      var last = s[end - 1];
      if (".,;:!?'\"…".indexOf(last) >= 0) { end--; continue; }
      if (last !== ")") break;
      var opens = 0, closes = 0;
      for (var i = start; i < end; i++) { if (s[i] === "(") opens++; else if (s[i] === ")") closes++; }
      if (closes > opens) end--; else break;
    }
    return end;
  }

  /** A host label as DNS sees it: itself if ASCII, else "xn--" + Punycode (RFC 3492). */
  function asciiLabel(label) {
    if (label.every(isASCII)) return label.join("");
    var encoded = punycode(Array.from(label.join("").toLowerCase(), function (c) { return c.codePointAt(0); }));
    return encoded === null ? null : "xn--" + encoded;
  }

  // RFC 3492's sample encoder (section 6.3), as Punycode.swift.
  function punycode(input) {
    var base = 36, tMin = 1, tMax = 26, skew = 38, damp = 700;
    var output = input.filter(function (c) { return c < 0x80; }).map(function (c) { return String.fromCharCode(c); });
    var basic = output.length, handled = basic, n = 128, delta = 0, bias = 72;
    if (basic > 0) output.push("-");
    function digit(d) { return String.fromCharCode(d < 26 ? 97 + d : 22 + d); }
    function adapt(d, count, first) {
      d = first ? Math.floor(d / damp) : Math.floor(d / 2);
      d += Math.floor(d / count);
      var k = 0;
      while (d > ((base - tMin) * tMax) >> 1) { d = Math.floor(d / (base - tMin)); k += base; }
      return k + Math.floor((base - tMin + 1) * d / (d + skew));
    }
    while (handled < input.length) {
      var m = Infinity;
      input.forEach(function (c) { if (c >= n && c < m) m = c; });
      if (m === Infinity) break;
      delta += (m - n) * (handled + 1);
      if (delta > Number.MAX_SAFE_INTEGER) return null;
      n = m;
      for (var i = 0; i < input.length; i++) {
        var c = input[i];
        if (c < n) delta++;
        if (c === n) {
          var q = delta;
          for (var k = base; ; k += base) {
            var t = k <= bias ? tMin : k >= bias + tMax ? tMax : k - bias;
            if (q < t) break;
            output.push(digit(t + (q - t) % (base - t)));
            q = Math.floor((q - t) / (base - t));
          }
          output.push(digit(q));
          bias = adapt(delta, handled + 1, handled === basic);
          delta = 0;
          handled++;
        }
      }
      delta++;
      n++;
    }
    return output.join("");
  }

  // ---- counting: SMS and the channel rules (SMSCounter.swift, LengthCount.swift)

  var GSM_BASIC = new Set(Array.from("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"));
  var GSM_EXTENDED = new Set(Array.from("^{}\\[~]|€\f"));

  function smsSegments(sizes, single, multi) {
    var total = sizes.reduce(function (a, b) { return a + b; }, 0);
    if (total === 0) return 0;
    if (total <= single) return 1;
    var count = 1, used = 0;
    sizes.forEach(function (size) {
      if (used + size > multi) { count++; used = 0; }
      used += size;
    });
    return count;
  }

  /** `{encoding, units, segments}` of an SMS (GSM-7 septets or UCS-2 code units). */
  function smsMeasure(text) {
    var scalars = Array.from(String(text).normalize("NFC")), sizes;
    if (scalars.every(function (c) { return GSM_BASIC.has(c) || GSM_EXTENDED.has(c); })) {
      sizes = scalars.map(function (c) { return GSM_EXTENDED.has(c) ? 2 : 1; });
      return { encoding: "GSM-7", units: sizes.reduce(sum, 0), segments: smsSegments(sizes, 160, 153) };
    }
    sizes = scalars.map(function (c) { return c.length; });
    return { encoding: "UCS-2", units: sizes.reduce(sum, 0), segments: smsSegments(sizes, 70, 67) };
  }
  function sum(a, b) { return a + b; }

  function smsCapacity(segments, encoding) {
    if (segments <= 0) return 0;
    if (encoding === "GSM-7") return segments === 1 ? 160 : 153 * segments;
    return segments === 1 ? 70 : 67 * segments;
  }

  function utf8Length(text) {
    var n = 0;
    for (var c of text) { var v = c.codePointAt(0); n += v < 0x80 ? 1 : v < 0x800 ? 2 : v < 0x10000 ? 3 : 4; }
    return n;
  }

  /**
   * `text` measured for `channel` ({name, unit, limit}) as `answerkit count --format json`
   * prints it: {channel, length, limit, valid, unit, segments?, encoding?}.
   */
  function measure(text, channel) {
    var limit = channel.limit == null ? null : channel.limit;
    var out = { channel: channel.name, length: 0, limit: limit, valid: true, unit: channel.unit };
    text = String(text);
    switch (channel.unit) {
      case "weighted":
        var w = weightedLength(text);
        out.length = w.length;
        out.valid = !w.invalid && (limit === null || w.length <= limit);
        break;
      case "bytes":
        out.length = utf8Length(text.normalize("NFC"));
        out.valid = limit === null || out.length <= limit;
        break;
      case "segments":
        var m = smsMeasure(text);
        out.length = m.units;
        out.segments = m.segments;
        out.encoding = m.encoding;
        out.limit = limit === null ? null : smsCapacity(limit, m.encoding);
        out.valid = limit === null || m.segments <= limit;
        break;
      default: // characters
        out.length = Array.from(text.normalize("NFC")).length;
        out.valid = limit === null || out.length <= limit;
    }
    return out;
  }

  /** Whether a code point (as a string) is in the GSM 03.38 alphabet or its extension table. */
  function isGSM(c) { return GSM_BASIC.has(c) || GSM_EXTENDED.has(c); }

  var api = {
    measure: measure, weightedLength: weightedLength, smsMeasure: smsMeasure, urlRanges: urlRanges,
    isEmojiSequence: isEmojiSequence, punycode: punycode, tlds: TLDS, isGSM: isGSM
  };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  if (typeof globalThis !== "undefined") globalThis.AnswerKitCounting = api;
})();
