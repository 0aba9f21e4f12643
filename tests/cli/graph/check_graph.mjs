// Parses every .mmd file given with Mermaid's own parser (the one mermaid.render uses, under a
// jsdom window) and every .dot file with Graphviz (compiled to WebAssembly), so that what
// `amllint graph` prints is known to be drawable. Prints "N passed, N failed".
//   node check_graph.mjs <file>...
import { readFileSync } from "node:fs";
import { JSDOM } from "jsdom";

const dom = new JSDOM("<!doctype html><html><body></body></html>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false });
const { Graphviz } = await import("@hpcc-js/wasm-graphviz");
const graphviz = await Graphviz.load();

let passed = 0;
let failed = 0;
for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, "utf8");
  try {
    if (file.endsWith(".mmd")) {
      const result = await mermaid.parse(text);
      if (result.diagramType !== "flowchart-v2") throw new Error(`parsed as ${result.diagramType}`);
    } else if (file.endsWith(".dot")) {
      const svg = graphviz.dot(text);
      if (!svg.includes("<svg")) throw new Error("no SVG produced");
    } else {
      throw new Error("neither .mmd nor .dot");
    }
    passed++;
  } catch (e) {
    failed++;
    console.log(`FAIL: ${file}: ${String(e.message ?? e).split("\n").slice(0, 4).join(" | ")}`);
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
