// Drop wasm-bindgen exports the reader can never call, from the wasm and from its JS glue, and
// keep index.html's subresource-integrity hashes in step. Run by `cargo xtask build` before
// minify.mjs.
//
// Why: leptos always enables server_fn's `browser` feature, which links wasm-streams, whose
// `#[wasm_bindgen]` classes (IntoUnderlying{Source,ByteSource,Sink}) adapt Rust streams to JS
// `ReadableStream`s for server functions. A client-only app has no server functions, but an
// export is a root: the classes and everything they reach stay in the shell (~1.3 KB brotli).
// No Rust code constructs them (the glue has no `__wrap` for them) and nothing in JS imports
// them, so removing the exports and letting wasm-opt collect what they kept alive is safe.
// The script refuses, rather than guesses, when the glue no longer looks as expected.
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';

const UNUSED_CLASSES = ['IntoUnderlyingByteSource', 'IntoUnderlyingSink', 'IntoUnderlyingSource'];

const dist = process.argv[2] ?? 'dist';
const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
const fail = (why) => {
  console.error(`prune-glue: ${why}; wasm-bindgen's output changed shape: update scripts/prune-glue.mjs`);
  process.exit(1);
};

// The optimisation the source index.html asks trunk for, read from it so the two never differ.
const rustLink = readFileSync('index.html', 'utf8').match(/<link data-trunk rel="rust"[^>]*>/)?.[0] ?? '';
const level = rustLink.match(/data-wasm-opt="(\w+)"/)?.[1];
if (!level) fail('index.html has no data-wasm-opt on its rust link');
const WASM_OPT = [`-O${level}`, ...(rustLink.match(/data-wasm-opt-params="([^"]*)"/)?.[1] ?? '').split(/\s+/).filter(Boolean)];

const glueName = readdirSync(dist).find((f) => /^bantin-[0-9a-f]+\.js$/.test(f));
const wasmName = readdirSync(dist).find((f) => /^bantin-[0-9a-f]+_bg\.wasm$/.test(f));
if (!glueName || !wasmName) fail(`no bantin-*.js and bantin-*_bg.wasm in ${dist}`);

// --- The glue: each class, its dispose line and its finalization registry. -------------
let glue = readFileSync(join(dist, glueName), 'utf8');
const glueBefore = glue;
for (const name of UNUSED_CLASSES) {
  const cut = (pattern, what) => {
    const found = glue.match(pattern);
    if (!found) fail(`no ${what} of ${name}`);
    glue = glue.replace(pattern, '');
  };
  // A class ends at the first `}` at the start of a line (wasm-bindgen indents its members).
  cut(new RegExp(`^export class ${name} \\{\\n[\\s\\S]*?^\\}\\n`, 'm'), 'class');
  cut(new RegExp(`^if \\(Symbol\\.dispose\\) ${name}\\.prototype.*\\n`, 'm'), 'dispose line');
  cut(new RegExp(`^const ${name}Finalization = [\\s\\S]*?\\);\\n`, 'm'), 'finalization registry');
  if (glue.includes(name)) fail(`${name} is still named in the glue`);
}

// --- The wasm: its export section without the classes' functions. ---------------------
const wasmPath = join(dist, wasmName);
const wasmBefore = readFileSync(wasmPath);
const prefixes = UNUSED_CLASSES.map((c) => c.toLowerCase()).flatMap((c) => [`${c}_`, `__wbg_${c}_`]);
const dropped = [];
const leb = (bytes, at) => {
  let value = 0, shift = 0, byte;
  do { byte = bytes[at++]; value += (byte & 0x7f) * 2 ** shift; shift += 7; } while (byte & 0x80);
  return [value, at];
};
const encode = (value) => {
  const out = [];
  do { let byte = value & 0x7f; value = Math.floor(value / 128); if (value) byte |= 0x80; out.push(byte); } while (value);
  return Buffer.from(out);
};
// Exports the glue never names (wasm-bindgen's wasm-split marker, its abort hooks) are roots
// of nothing the reader runs. The others are named once in the wasm and once in the glue
// (closure trampolines with ~100–340 characters): they get two-character names.
const unnamed = (name) => /^(_WASM_SPLIT_MARKER_\w+|__abort_handler|__instance_terminated)$/.test(name) && !new RegExp(`\\b${name}\\b`).test(glue);
const renamed = new Map();
const imported = new Map();
const parts = [wasmBefore.subarray(0, 8)];
for (let at = 8; at < wasmBefore.length; ) {
  const id = wasmBefore[at];
  const [size, start] = leb(wasmBefore, at + 1);
  let body = wasmBefore.subarray(start, start + size);
  if (id === 2) {
    // Imports: `./bantin_bg.js`'s functions, named `__wbg_<name>_<16 hex digits>` once in the
    // wasm and once as a key of the glue's import object; the hex digits do not compress
    // (~2 KB brotli for 130 imports across the two files). They get short names too.
    const [count, first] = leb(body, 0);
    const entries = [];
    for (let i = 0, p = first; i < count; i++) {
      const [moduleLength, moduleAt] = leb(body, p);
      const module = body.subarray(moduleAt, moduleAt + moduleLength).toString('utf8');
      const [nameLength, nameAt] = leb(body, moduleAt + moduleLength);
      const importName = body.subarray(nameAt, nameAt + nameLength).toString('utf8');
      const descAt = nameAt + nameLength;
      const kind = body[descAt];
      // Only functions (kind 0: a type index) are renamed; anything else keeps its entry as is.
      const end = kind === 0 ? leb(body, descAt + 1)[1] : null;
      if (end === null) fail(`import ${module}.${importName} is not a function`);
      let name = importName;
      if (module === './bantin_bg.js') {
        const key = new RegExp(`(^|[\\s,{])${importName}(\\s*:)`, 'g');
        const found = glue.match(key)?.length ?? 0;
        if (found !== 1) fail(`the glue's import object has ${found} keys ${importName}`);
        name = `$${imported.size.toString(36)}`;
        imported.set(importName, name);
        glue = glue.replace(key, (_, before, colon) => `${before}${name}${colon}`);
        if (new RegExp(`\\b${importName}\\b`).test(glue)) fail(`the glue still names the import ${importName}`);
      }
      entries.push(Buffer.concat([body.subarray(p, moduleAt + moduleLength), encode(name.length), Buffer.from(name), body.subarray(descAt, end)]));
      p = end;
    }
    body = Buffer.concat([encode(count), ...entries]);
  }
  if (id === 7) {
    const [count, first] = leb(body, 0);
    const kept = [];
    for (let i = 0, p = first; i < count; i++) {
      const entry = p;
      const [length, nameAt] = leb(body, p);
      const exportName = body.subarray(nameAt, nameAt + length).toString('utf8');
      p = leb(body, nameAt + length + 1)[1]; // kind byte, then the index
      if (prefixes.some((prefix) => exportName.startsWith(prefix)) || unnamed(exportName)) dropped.push(exportName);
      else if (exportName !== 'memory' && new RegExp(`\\bwasm\\.${exportName}\\b`).test(glue)) {
        const short = `_${renamed.size.toString(36)}`;
        renamed.set(exportName, short);
        kept.push(Buffer.concat([encode(short.length), Buffer.from(short), body.subarray(nameAt + length, p)]));
      } else kept.push(body.subarray(entry, p));
    }
    body = Buffer.concat([encode(kept.length), ...kept]);
  }
  parts.push(Buffer.from([id]), encode(body.length), body);
  at = start + size;
}
if (dropped.length === 0) fail('the wasm exports none of the classes\' functions');
for (const name of dropped) if (new RegExp(`\\b${name}\\b`).test(glue)) fail(`the glue still calls ${name}`);
for (const [name, short] of renamed) {
  const uses = new RegExp(`\\bwasm\\.${name}\\b`, 'g');
  if (!uses.test(glue)) fail(`the glue does not call ${name} as wasm.${name}`);
  glue = glue.replace(uses, `wasm.${short}`);
  // What remains are the glue's own wrapper functions of that name, which terser shortens.
  if (new RegExp(`\\.${name}\\b|['"]${name}['"]`).test(glue)) fail(`the glue still reaches ${name} by name`);
}
writeFileSync(wasmPath, Buffer.concat(parts));
execFileSync(join('node_modules', '.bin', 'wasm-opt'), [...WASM_OPT, wasmPath, '-o', wasmPath], { stdio: 'inherit' });
const wasmAfter = readFileSync(wasmPath);
writeFileSync(join(dist, glueName), glue);

const indexPath = join(dist, 'index.html');
let index = readFileSync(indexPath, 'utf8');
index = index.split(sri(wasmBefore)).join(sri(wasmAfter)).split(sri(Buffer.from(glueBefore))).join(sri(Buffer.from(glue)));
writeFileSync(indexPath, index);
console.log(`pruned ${UNUSED_CLASSES.join(', ')} and what the glue never names: ${dropped.length} exports; ${renamed.size} exports and ${imported.size} imports renamed; wasm-opt ${WASM_OPT.join(' ')}: wasm ${wasmBefore.length} → ${wasmAfter.length} bytes`);
