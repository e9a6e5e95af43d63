// Assembles every .wat file of a directory into .wasm with binaryen (installed with assemblyscript), so that the
// build needs nothing beyond the npm registry. Usage: node tools/wat2wasm.mjs <wat dir> <out dir>
import binaryen from "binaryen";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, basename } from "node:path";

const [from, to] = process.argv.slice(2);
if (!from || !to) {
  console.error("usage: node tools/wat2wasm.mjs <wat dir> <out dir>");
  process.exit(2);
}
mkdirSync(to, { recursive: true });
for (const file of readdirSync(from).filter((f) => f.endsWith(".wat")).sort()) {
  // *_named.wat keep their function names (a "name" custom section, as a debug build has) for tests of messages
  binaryen.setDebugInfo(file.endsWith("_named.wat"));
  const module = binaryen.parseText(readFileSync(join(from, file), "utf8"));
  module.setFeatures(binaryen.Features.All);
  if (!module.validate()) {
    console.error(`${file}: invalid module`);
    process.exit(1);
  }
  writeFileSync(join(to, basename(file, ".wat") + ".wasm"), module.emitBinary());
  module.dispose();
}
