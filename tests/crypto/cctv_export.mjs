// Writes every CCTV age vector of the cctv-age npm package to a directory, one file per
// vector, inflating the zlib-compressed ones so the C++ test reads plain age test files.
// Usage: node cctv_export.mjs <path to cctv-age/index.js> <output dir>
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { inflateSync } from "node:zlib";
import { pathToFileURL } from "node:url";

const [, , modulePath, outDir] = process.argv;
const vectors = await import(pathToFileURL(modulePath).href);
let count = 0;
for (const [name, bytes] of Object.entries(vectors)) {
  if (!(bytes instanceof Uint8Array)) continue;
  const buf = Buffer.from(bytes);
  const split = buf.indexOf("\n\n");
  const header = buf.subarray(0, split + 2).toString("latin1");
  let body = buf.subarray(split + 2);
  if (/^compressed: zlib$/m.test(header)) body = inflateSync(body);
  writeFileSync(join(outDir, name), Buffer.concat([Buffer.from(header, "latin1"), body]));
  count++;
}
console.log(count);
