// Renders batches of TeX formulas with KaTeX for dlnotes' build.
//
// Protocol (one Node process serves a whole build): the first line written is
// {"katex": VERSION}. Then each line read is a JSON array of {"tex", "display"} and is
// answered by one line: a JSON array of {"html"} or {"error"}, in the same order.
// One line per batch means the Python side never blocks on a full pipe mid-batch.
"use strict";

const readline = require("node:readline");

const root = process.env.DLNOTES_KATEX_ROOT || process.cwd();
let katex;
try {
  katex = require(require.resolve("katex", { paths: [root] }));
} catch (error) {
  process.stderr.write(`cannot load the katex package from ${root}: ${error.message}\n`);
  process.exit(3);
}

const OPTIONS = {
  output: "htmlAndMathml", // MathML for screen readers, HTML for the eye
  throwOnError: true,      // a bad formula must fail the build, not render in red
  strict: "error",         // refuse input that real LaTeX would not accept
  trust: false,            // no \href, \includegraphics or raw HTML from a formula
};

function render({ tex, display }) {
  try {
    return { html: katex.renderToString(tex, { ...OPTIONS, displayMode: Boolean(display) }) };
  } catch (error) {
    return { error: String(error && error.message ? error.message : error) };
  }
}

process.stdout.write(JSON.stringify({ katex: katex.version }) + "\n");
const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
lines.on("line", (line) => {
  let batch;
  try {
    batch = JSON.parse(line);
  } catch (error) {
    process.stderr.write(`not a JSON batch: ${error.message}\n`);
    process.exit(4);
  }
  process.stdout.write(JSON.stringify(batch.map(render)) + "\n");
});
