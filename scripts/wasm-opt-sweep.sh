#!/bin/sh
# Brotli size of the app's wasm under wasm-opt settings, from wasm-bindgen's output of the
# last `cargo xtask build` (before prune-glue, so a few hundred bytes above `cargo xtask size`;
# compare the rows with each other). Where index.html's `--one-caller-inline-max-function-size`
# comes from:  sh scripts/wasm-opt-sweep.sh "" "--one-caller-inline-max-function-size=30"
set -e
input=target/wasm-bindgen/release/bantin_bg.wasm
base="-Os --gufa --converge --low-memory-unused"
out=$(mktemp)
for extra in "$@"; do
  # shellcheck disable=SC2086
  node_modules/.bin/wasm-opt "$input" -o "$out" $base $extra
  node -e "const z=require('zlib'),b=require('fs').readFileSync('$out');console.log(b.length+' raw, '+z.brotliCompressSync(b,{params:{[z.constants.BROTLI_PARAM_QUALITY]:11}}).length+' brotli: ${extra:-(base)}')"
done
rm -f "$out"
