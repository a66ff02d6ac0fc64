// Renders batches of TeX formulas with KaTeX for dlnotes' build, each with its spoken form.
//
// Protocol (one Node process serves a whole build): the first line written is
// {"katex": VERSION}. Then each line read is a JSON array of {"tex", "display"} and is
// answered by one line: a JSON array of {"html", "speech"} or {"error"}, in the same order.
// One line per batch means the Python side never blocks on a full pipe mid-batch.
"use strict";

const readline = require("node:readline");

const root = process.env.DLNOTES_KATEX_ROOT || process.cwd();

function load(name) {
  try {
    return require(require.resolve(name, { paths: [root] }));
  } catch (error) {
    process.stderr.write(`cannot load the ${name} package from ${root}: ${error.message}\n`);
    process.exit(3);
  }
}

const katex = load("katex");
const sre = load("speech-rule-engine");

const OPTIONS = {
  output: "htmlAndMathml", // HTML for the eye; the MathML is read here for the spoken form, then dropped
  throwOnError: true,      // a bad formula must fail the build, not render in red
  strict: "error",         // refuse input that real LaTeX would not accept
  trust: false,            // no \href, \includegraphics or raw HTML from a formula
};

function render({ tex, display }) {
  let html;
  try {
    html = katex.renderToString(tex, { ...OPTIONS, displayMode: Boolean(display) });
  } catch (error) {
    return { error: String(error && error.message ? error.message : error) };
  }
  const math = html.match(/<math[\s>][\s\S]*<\/math>/);
  let speech = "";
  try {
    // One space between words, as a screen reader's accessible name has them.
    speech = math ? sre.toSpeech(math[0]).replace(/\s+/g, " ").trim() : "";
  } catch (error) {
    return { error: `no spoken form: ${error && error.message ? error.message : error}` };
  }
  return speech ? { html, speech } : { error: "no spoken form: the speech rule engine returned nothing" };
}

// MathSpeak, not ClearSpeak: ClearSpeak reads the layer index W^{[1]} as "W raised to the 1 power",
// MathSpeak says "upper W Superscript left bracket 1 right bracket", which is what the page shows.
sre
  .setupEngine({ locale: "en", domain: "mathspeak", style: "default", modality: "speech" })
  .then(() => sre.engineReady())
  .then(() => {
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
  })
  .catch((error) => {
    process.stderr.write(`the speech rule engine did not start: ${error && error.message ? error.message : error}\n`);
    process.exit(5);
  });
