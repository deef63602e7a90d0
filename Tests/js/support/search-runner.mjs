// Runs the browser search client (templates/assets/search.js with analyzer.js)
// under Node over a built site, for the CLI parity test in Tests/CLITests.
// Usage: node search-runner.mjs <site folder> <queries.json>
//   queries.json: [{"locale": "en", "query": "…", "limit": 10}, …]
// Prints [{"query", "locale", "hits": [{"id", "score"}], "fetched": [paths]}, …] as JSON.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const analyzer = require(path.join(here, "../../../templates/assets/analyzer.js"));
const search = require(path.join(here, "../../../templates/assets/search.js"));

const [site, queriesFile] = process.argv.slice(2);
const queries = JSON.parse(readFileSync(queriesFile, "utf8"));
const out = [];
for (const q of queries) {
  const engine = search.createEngine(q.locale, (p) => JSON.parse(readFileSync(path.join(site, "search", q.locale, p), "utf8")), analyzer);
  const hits = await engine.search(q.query, q.limit ?? 10);
  out.push({ query: q.query, locale: q.locale, hits: hits.map((h) => ({ id: h.id, score: h.score })), fetched: engine.fetched });
}
process.stdout.write(JSON.stringify(out));
