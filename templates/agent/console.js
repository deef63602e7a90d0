/*! AnswerKit agent console: find an approved reply, fill it in, copy it.
 * Loads snippets.json once (nothing else goes over the network afterwards),
 * indexes it in slices between frames, and ranks with replies.js exactly as
 * `answerkit reply` does. Keyboard: "/" search, arrows choose, Enter copies
 * (or goes to the first value still missing), Esc clears. `?today=YYYY-MM-DD`
 * shows the console as of another day; `?q=`, `?locale=`, `?channel=`, `?kind=`
 * preset the search. Classic deferred script after analyzer.js and replies.js. */
(function () {
  "use strict";

  var doc = document, win = window, R = win.AnswerKitReplies, A = win.AnswerKitAnalyzer;
  var main = doc.getElementById("console");
  if (!main || !R) return;
  var SHOWN = 50; // rows rendered at most; the status says how many matched
  var started = performance.now();
  var lang = doc.documentElement.lang || "en";
  var strings = parse(main.getAttribute("data-strings")), directions = parse(main.getAttribute("data-directions"));
  var numbering = main.getAttribute("data-digits") || "latn";
  var warnDays = Number(main.getAttribute("data-review-warning-days")) || 14;
  var params = new URL(win.location.href).searchParams;
  var today = /^\d{4}-\d{2}-\d{2}$/.test(params.get("today") || "") ? params.get("today") : new Date().toISOString().slice(0, 10);
  var $ = function (id) { return doc.getElementById(id); };
  var el = {
    q: $("console-q"), locale: $("console-locale"), channel: $("console-channel"), kind: $("console-kind"),
    status: $("console-status"), results: $("console-results"), detail: $("console-detail"), title: $("console-title"),
    badges: $("console-badges"), notes: $("console-notes"), form: $("console-variables"), fields: $("console-fields"),
    preview: $("console-preview"), count: $("console-count"), copy: $("console-copy"), copied: $("console-copied"),
    approval: $("console-approval")
  };
  var state = { bundle: null, replies: [], builder: null, index: null, results: [], total: 0, active: -1, shown: null, values: {} };
  var timings = {};
  var numberFormat = formatter(Intl.NumberFormat, { numberingSystem: numbering });
  var dateFormat = formatter(Intl.DateTimeFormat, { dateStyle: "long", timeZone: "UTC", numberingSystem: numbering });

  function parse(json) { try { return JSON.parse(json || "{}"); } catch (e) { return {}; } }
  function formatter(Kind, options) {
    try { return new Kind(lang, options); } catch (e) { return new Kind("en", options.dateStyle ? { dateStyle: "long", timeZone: "UTC" } : {}); }
  }
  function t(key, values) {
    return String(strings[key] || key).replace(/\{(\w+)\}/g, function (m, name) { return values && name in values ? values[name] : m; });
  }
  function number(n) { return numberFormat.format(n); }
  function date(iso) { return dateFormat.format(new Date(iso + "T00:00:00Z")); }
  function label(prefix, name) { return strings[prefix + name.replace(/-/g, "_")] || name; }
  function dirOf(locale) { return directions[locale] || "auto"; }
  function localeName(code) {
    var option = Array.prototype.find.call(el.locale.options, function (o) { return o.value === code; });
    return option ? option.textContent : code;
  }
  function node(tag, className, text) {
    var e = doc.createElement(tag);
    if (className) e.className = className;
    if (text != null) e.textContent = text;
    return e;
  }
  function setLocale(e, locale) { e.setAttribute("lang", locale); e.setAttribute("dir", dirOf(locale)); }
  var pluralRules = null;
  try { pluralRules = new Intl.PluralRules(lang); } catch (e) { /* "other" below */ }
  function plural(n) {
    var category = pluralRules ? pluralRules.select(n) : "other";
    return t(strings["results_" + category] ? "results_" + category : "results_other", { count: number(n) });
  }

  // ---- loading and indexing -------------------------------------------------------

  function load() {
    return win.fetch(main.getAttribute("data-bundle")).then(function (response) {
      if (!response.ok) throw new Error(response.status + " " + response.url);
      return response.text();
    }).then(function (text) {
      timings.fetched = performance.now() - started;
      state.bundle = JSON.parse(text);
      timings.parsed = performance.now() - started;
      state.replies = R.current(state.bundle.replies || [], today);
      state.builder = R.indexBuilder(state.replies, A);
      preset();
      update();
      timings.ready = performance.now() - started;
      indexInSlices();
    }).catch(function (error) {
      el.status.textContent = t("agent_load_failed");
      el.status.classList.add("is-error");
      throw error;
    });
  }

  // Analysis is the slow part of a large bundle: 8 ms at a time, so the page stays
  // responsive; a search before it is done finishes it at once.
  var indexed = new Promise(function (resolve) { state.resolveIndexed = resolve; });
  function indexInSlices() {
    win.setTimeout(function slice() {
      if (state.index) return;
      if (!state.builder.step(performance.now() + 8)) { win.setTimeout(slice, 0); return; }
      searchIndex();
    }, 0);
  }
  function searchIndex() {
    if (!state.index) {
      state.index = state.builder.index();
      timings.indexed = performance.now() - started;
      state.resolveIndexed();
    }
    return state.index;
  }

  function preset() {
    if (params.get("q")) el.q.value = params.get("q");
    [["locale", el.locale], ["channel", el.channel], ["kind", el.kind]].forEach(function (pair) {
      var value = params.get(pair[0]);
      if (value && Array.prototype.some.call(pair[1].options, function (o) { return o.value === value; })) pair[1].value = value;
    });
  }

  // ---- searching ----------------------------------------------------------------

  function filter() { return { locale: el.locale.value, channel: el.channel.value, kind: el.kind.value }; }

  function update() {
    if (!state.bundle) return;
    var started = performance.now(), query = el.q.value, f = filter(), positions;
    if (A && A.analyzeQuery(query, f.locale || lang).length) {
      positions = R.rank(searchIndex(), query, f, A).map(function (r) { return r.position; });
      timings.lastRank = performance.now() - started;
    } else {
      positions = [];
      state.replies.forEach(function (reply, i) { if (R.allows(f, reply)) positions.push(i); });
    }
    state.total = positions.length;
    state.results = positions.slice(0, SHOWN);
    renderResults();
    // Resetting the scroll position makes the browser lay the list out at once: only when needed.
    if (state.scrolled) { el.results.scrollTop = 0; state.scrolled = false; }
    select(state.results.length ? 0 : -1);
    var status = !state.total ? t("agent_no_match") : plural(state.total);
    if (state.total > state.results.length) status += " · " + t("agent_showing", { shown: number(state.results.length), count: number(state.total) });
    el.status.textContent = status;
    el.status.classList.remove("is-error");
    timings.lastUpdate = performance.now() - started;
  }

  function renderResults() {
    el.results.textContent = "";
    state.results.forEach(function (position, i) {
      var reply = state.replies[position], li = node("li", "console-result");
      li.id = "console-option-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.setAttribute("data-id", reply.id);
      var title = node("span", "result-title", reply.title), text = node("span", "result-text", snippet(reply.text));
      setLocale(title, reply.locale);
      setLocale(text, reply.locale);
      var meta = node("span", "result-meta", label("channel_", reply.channel) + " · " + label("kind_", reply.kind) + " · " + localeName(reply.locale));
      if (reply.stale_translation) {
        var stale = node("span", "badge badge-warn", "⚠");
        stale.title = t("agent_stale");
        stale.appendChild(node("span", "visually-hidden", " " + t("agent_stale")));
        meta.appendChild(stale);
      }
      // Owner and review date beside every reply, the review flagged when near.
      var approval = node("span", "result-approval");
      approval.appendChild(node("span", null, reply.approved_by));
      if (reply.review_by) {
        var due = dueIn(reply) !== null;
        approval.appendChild(node("span", due ? "badge badge-warn" : null,
          due ? t("agent_review_soon", { date: date(reply.review_by) }) : t("next_review") + " " + date(reply.review_by)));
      }
      setLocale(approval.firstChild, reply.locale);
      li.appendChild(title);
      li.appendChild(meta);
      li.appendChild(text);
      li.appendChild(approval);
      li.addEventListener("mousedown", function (e) { e.preventDefault(); select(i); el.q.focus(); });
      el.results.appendChild(li);
    });
  }

  function snippet(text) { return text.length > 160 ? text.slice(0, 157).replace(/\s+\S*$/, "") + " …" : text; }

  function dueIn(reply) {
    if (!reply.review_by) return null;
    var days = R.daysBetween(today, reply.review_by);
    return days < warnDays ? days : null;
  }

  function select(i, scroll) {
    var items = el.results.children;
    if (state.active >= 0 && items[state.active]) items[state.active].setAttribute("aria-selected", "false");
    state.active = i;
    if (i < 0 || !items[i]) {
      el.q.removeAttribute("aria-activedescendant");
      el.detail.hidden = true;
      state.shown = null;
      return;
    }
    items[i].setAttribute("aria-selected", "true");
    el.q.setAttribute("aria-activedescendant", items[i].id);
    // Only when moving with the keys: it makes the browser lay the page out at once.
    if (scroll) items[i].scrollIntoView({ block: "nearest" });
    var reply = state.replies[state.results[i]];
    if (reply !== state.shown) { state.shown = reply; renderDetail(reply); }
    refresh();
  }

  function move(delta) {
    var n = state.results.length;
    if (n) select(((state.active < 0 ? (delta > 0 ? -1 : 0) : state.active) + delta + n) % n, true);
  }

  // ---- the selected reply -----------------------------------------------------------

  function declarations() { return (state.bundle && state.bundle.placeholders) || {}; }

  function renderDetail(reply) {
    el.detail.hidden = false;
    el.title.textContent = reply.title;
    setLocale(el.title, reply.locale);
    el.badges.textContent = [label("channel_", reply.channel), label("kind_", reply.kind), localeName(reply.locale)].join(" · ");
    el.notes.textContent = "";
    var days = dueIn(reply);
    if (days !== null) el.notes.appendChild(node("span", "note note-warn", t("agent_review_soon", { date: date(reply.review_by) })));
    if (reply.stale_translation) el.notes.appendChild(node("span", "note note-warn", t("agent_stale")));
    renderFields(reply);
    setLocale(el.preview, reply.locale);
    el.copied.textContent = "";
    el.approval.textContent = "";
    addTerm(t("approved_by"), reply.approved_by, reply.locale);
    addTerm(t("approved_on"), date(reply.approved_on));
    if (reply.review_by) addTerm(t("next_review"), date(reply.review_by)).classList.toggle("is-warn", days !== null);
    var link = node("a", null, t("agent_open_entry"));
    link.href = reply.url;
    link.target = "_blank";
    link.rel = "noopener";
    addTerm("URL", link);
  }

  function addTerm(term, value, locale) {
    var div = node("div"), dd = node("dd");
    div.appendChild(node("dt", null, term));
    if (typeof value === "string") { dd.textContent = value; if (locale) setLocale(dd, locale); } else dd.appendChild(value);
    div.appendChild(dd);
    el.approval.appendChild(div);
    return dd;
  }

  function renderFields(reply) {
    el.fields.textContent = "";
    el.form.hidden = !reply.variables.length;
    reply.variables.forEach(function (name) {
      var spec = declarations()[name] || { name: name }, id = "console-var-" + name;
      var field = node("div", "console-field"), labelEl = node("label", null, name), input = node("input"), hint = [];
      labelEl.htmlFor = id;
      if (spec.description) hint.push(spec.description);
      hint.push(spec.default != null ? t("agent_default", { value: spec.default }) : t("agent_required"));
      labelEl.appendChild(node("span", "field-hint", hint.join(" · ")));
      input.id = id;
      input.name = name;
      input.type = spec.type === "url" ? "url" : "text";
      input.autocomplete = "off";
      input.spellcheck = false;
      input.dir = "auto";
      input.value = state.values[name] || "";
      if (spec.default != null) input.placeholder = spec.default; else input.required = true;
      var error = node("span", "field-error");
      error.id = id + "-error";
      input.setAttribute("aria-describedby", error.id);
      input.addEventListener("input", function () { state.values[name] = input.value; refresh(); });
      input.addEventListener("keydown", function (e) {
        if (e.key === "Enter") { e.preventDefault(); copy(); } else if (e.key === "Escape") { e.preventDefault(); el.q.focus(); }
      });
      field.appendChild(labelEl);
      field.appendChild(input);
      field.appendChild(error);
      el.fields.appendChild(field);
    });
  }

  /** The values a reply would be filled with: given, else the default; null when missing or wrong. */
  function resolve(reply) {
    var out = {};
    reply.variables.forEach(function (name) {
      var spec = declarations()[name], given = state.values[name];
      var value = given ? given : spec && spec.default != null ? spec.default : null;
      out[name] = value !== null && spec && R.check(value, spec) ? null : value;
    });
    return out;
  }

  function problemText(problem) {
    switch (problem.code) {
      case "too-long": return t("agent_too_long", { max: number(problem.max) });
      case "not-link": return t("agent_not_link");
      case "charset": return t("agent_bad_character", { character: problem.character });
      default: return t("agent_has_link");
    }
  }

  // Preview, count and field errors of the shown reply, after every keystroke.
  function refresh() {
    var reply = state.shown;
    if (!reply) return;
    var values = resolve(reply);
    el.preview.textContent = "";
    R.pieces(reply.text).forEach(function (piece) {
      if (piece.text !== undefined) { el.preview.appendChild(doc.createTextNode(piece.text)); return; }
      var value = values[piece.placeholder];
      var mark = node("mark", value == null ? "is-missing" : "is-filled", value == null ? "{{" + piece.placeholder + "}}" : value);
      mark.setAttribute("dir", "auto");
      el.preview.appendChild(mark);
    });
    reply.variables.forEach(function (name) {
      var input = $("console-var-" + name), error = $("console-var-" + name + "-error"), spec = declarations()[name];
      if (!input) return;
      var problem = input.value && spec ? R.check(input.value, spec) : null;
      error.textContent = problem ? problemText(problem) : "";
      if (problem) input.setAttribute("aria-invalid", "true"); else input.removeAttribute("aria-invalid");
    });
    renderCount(reply, R.fillWith(reply.text, function (name) { return values[name] == null ? "" : values[name]; }));
  }

  function renderCount(reply, text) {
    var channel = R.measuringChannel(state.bundle, reply, filter().channel);
    el.count.textContent = "";
    if (!channel) return;
    var count = R.measure(text, channel), over = count.limit !== null && !count.valid;
    el.count.setAttribute("data-length", count.length);
    el.count.setAttribute("data-limit", count.limit === null ? "" : count.limit);
    el.count.setAttribute("data-channel", channel.name);
    el.count.classList.toggle("is-over", over);
    var value = node("span", "count-value", number(count.length) + (count.limit !== null ? " / " + number(count.limit) : ""));
    el.count.appendChild(value);
    el.count.appendChild(doc.createTextNode(" " + label("unit_", count.unit) + " · " + label("channel_", channel.name)));
    if (count.segments) el.count.appendChild(doc.createTextNode(" · " + count.segments + " SMS"));
    if (over) el.count.appendChild(node("strong", "count-over", " — " + t("agent_over", { count: number(count.length - count.limit) })));
    if (reply.variables.length && reply.worst_case_length != null && channel.name === (reply.limit_channel || reply.channel)) {
      el.count.appendChild(node("span", "count-worst", " (" + t("agent_worst_case", { count: number(reply.worst_case_length) }) + ")"));
    }
  }

  // ---- copying ------------------------------------------------------------------------

  function copy() {
    var reply = state.shown;
    if (!reply) return;
    var result = R.fill(reply.text, state.values, declarations());
    if (result.text === undefined) {
      var names = result.missing.concat(result.invalid.map(function (x) { return x.name; }));
      announce(t("agent_missing", { names: names.join(", ") }), true);
      var input = $("console-var-" + names[0]);
      if (input) input.focus();
      return;
    }
    write(result.text).then(function () {
      announce(t("copied"));
      el.copy.classList.add("is-done");
      win.setTimeout(function () { el.copy.classList.remove("is-done"); }, 1500);
    }, function () { announce(t("copy_failed"), true); });
  }

  function announce(text, warning) {
    // Cleared first, so the same message twice is announced twice.
    el.copied.textContent = "";
    el.copied.classList.toggle("is-warning", !!warning);
    win.setTimeout(function () { el.copied.textContent = text; }, 30);
  }

  function write(text) {
    if (win.navigator.clipboard && win.isSecureContext) {
      return win.navigator.clipboard.writeText(text).catch(function () { return legacyCopy(text); });
    }
    return legacyCopy(text);
  }

  // Plain-HTTP pages (a console on an intranet host) have no Clipboard API.
  function legacyCopy(text) {
    return new Promise(function (resolve, reject) {
      var focused = doc.activeElement, area = node("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.className = "visually-hidden";
      doc.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = doc.execCommand("copy"); } catch (e) { ok = false; }
      doc.body.removeChild(area);
      if (focused && focused.focus) focused.focus();
      if (ok) resolve(); else reject(new Error("copy refused"));
    });
  }

  // ---- keyboard -----------------------------------------------------------------------

  function typing(target) {
    return target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT" || target.isContentEditable);
  }

  doc.addEventListener("keydown", function (e) {
    if (e.key === "/" && !typing(e.target) && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      el.q.focus();
      el.q.select();
    } else if (e.key === "Escape" && e.target !== el.q && !e.target.closest(".console-field")) {
      el.q.focus();
    }
  });
  el.q.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown") { e.preventDefault(); move(1); }
    else if (e.key === "ArrowUp") { e.preventDefault(); move(-1); }
    else if (e.key === "Enter") { e.preventDefault(); copy(); }
    else if (e.key === "Escape") { e.preventDefault(); if (el.q.value) { el.q.value = ""; update(); } }
  });
  el.q.addEventListener("input", update);
  el.results.addEventListener("scroll", function () { state.scrolled = el.results.scrollTop > 0; }, { passive: true });
  [el.locale, el.channel, el.kind].forEach(function (select) { select.addEventListener("change", update); });
  $("console-search").addEventListener("submit", function (e) { e.preventDefault(); });
  el.form.addEventListener("submit", function (e) { e.preventDefault(); copy(); });
  el.copy.addEventListener("click", copy);

  win.AnswerKitConsole = { ready: load(), indexed: indexed, timings: timings, state: state, today: today, update: update };
})();
