// Runs the agent console's logic (templates/agent/replies.js with analyzer.js)
// under Node over a built bundle, for the parity test with `answerkit reply` in
// Tests/CLITests/ReplyCLITests.swift.
// Usage: node reply-runner.mjs <snippets.json> <queries.json> <today YYYY-MM-DD>
//   queries.json: [{"query", "locale"?, "channel"?, "kind"?, "variables"?: {}, "limit"?: 10}, …]
// Prints [{"query", "replies": [{"id", "score", "text", "count"}]}, …] as JSON,
// as ReplyLookup does: replies approved on that day, the index over all of them,
// filled with the variables (text null when a value is missing) and measured.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const analyzer = require(path.join(here, "../../../templates/assets/analyzer.js"));
const replies = require(path.join(here, "../../../templates/agent/replies.js"));

const [bundleFile, queriesFile, today] = process.argv.slice(2);
const bundle = JSON.parse(readFileSync(bundleFile, "utf8"));
const queries = JSON.parse(readFileSync(queriesFile, "utf8"));
const index = replies.createIndex(replies.current(bundle.replies, today), analyzer);
const out = queries.map((q) => {
  const filter = { locale: q.locale, channel: q.channel, kind: q.kind };
  if (!analyzer.analyzeQuery(q.query, q.locale || "").length) return { query: q.query, replies: [] };
  const ranked = replies.rank(index, q.query, filter, analyzer).slice(0, q.limit ?? 10);
  return {
    query: q.query,
    replies: ranked.map(({ position, score }) => {
      const reply = index.replies[position];
      const filled = replies.fill(reply.text, q.variables || {}, bundle.placeholders || {});
      const channel = replies.measuringChannel(bundle, reply, q.channel);
      const text = filled.text ?? null;
      return { id: reply.id, score, text, count: text !== null && channel ? replies.measure(text, channel) : null };
    }),
  };
});
process.stdout.write(JSON.stringify(out));
