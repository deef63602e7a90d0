// Measures texts with the agent console's counter (templates/agent/counting.js), for
// the comparison with `answerkit count` in Tests/CLITests/ReplyCLITests.swift.
// Usage: node count-runner.mjs <cases.json>
//   cases.json: [{"text", "channel": {"name", "unit", "limit"}}, …]
// Prints [{"channel", "length", "limit", "valid", "unit", "segments"?, "encoding"?}, …] as JSON.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const counting = require(path.join(here, "../../../templates/agent/counting.js"));
const cases = JSON.parse(readFileSync(process.argv[2], "utf8"));
process.stdout.write(JSON.stringify(cases.map((c) => counting.measure(c.text, c.channel))));
