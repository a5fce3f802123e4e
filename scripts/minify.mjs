// Minify the JS that trunk leaves unminified (its minifier fails on wasm-bindgen's glue) and
// keep index.html's subresource-integrity hashes in step. Run by `cargo xtask build`.
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { minify } from 'terser';

const dist = process.argv[2] ?? 'dist';
const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
const indexPath = join(dist, 'index.html');
let index = readFileSync(indexPath, 'utf8');
for (const name of readdirSync(dist).filter((f) => f.endsWith('.js') && f !== 'sw.js')) {
  const path = join(dist, name);
  const before = readFileSync(path);
  // wasm-bindgen's glue is an ES module; pwa.js and embed.js are classic scripts.
  const module = name.startsWith('bantin-');
  const result = await minify(before.toString('utf8'), { module, compress: { passes: 2 }, mangle: true });
  const after = Buffer.from(result.code);
  if (after.length >= before.length) continue;
  writeFileSync(path, after);
  index = index.split(sri(before)).join(sri(after));
  console.log(`minified ${name}: ${before.length} → ${after.length} bytes`);
}
writeFileSync(indexPath, index);
