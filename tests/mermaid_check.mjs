// Parse one Mermaid diagram with Mermaid's own parser: prints "ok", or "error: ..." and exits 1.
// Needs the npm packages mermaid and jsdom (.ci/run installs them into .ci/node). ES modules
// resolve packages from the script's own folder, so tests run a copy placed beside a
// node_modules link to .ci/node/node_modules.
import { readFileSync } from "node:fs";
import { JSDOM } from "jsdom";

const dom = new JSDOM("<!doctype html><html><body></body></html>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import("mermaid");
try {
  await mermaid.parse(readFileSync(process.argv[2], "utf8"));
  console.log("ok");
} catch (error) {
  console.log("error: " + error.message);
  process.exit(1);
}
