// A throwaway copy of dist/ served on its own port, so offline tests can change the deployed
// feed or deploy a second build without touching the shared dist/.
import { createServer, Server } from 'node:http';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, readdirSync, renameSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, extname, normalize } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm',
  '.json': 'application/feed+json', '.webmanifest': 'application/manifest+json', '.svg': 'image/svg+xml', '.png': 'image/png',
};

export class Site {
  root: string;
  server: Server;
  port: number;

  prefix: string;

  /** `prefix` is the sub-path the site is deployed under, e.g. `/tin/`. */
  constructor(port: number, prefix = '/') {
    this.port = port;
    this.prefix = prefix;
    this.root = Site.copyOfDist();
    this.server = createServer((req, res) => {
      const requested = new URL(req.url!, 'http://x').pathname;
      if (!requested.startsWith(prefix)) { res.writeHead(404); res.end('not found'); return; }
      const path = normalize(decodeURIComponent('/' + requested.slice(prefix.length))).replace(/^(\.\.[/\\])+/, '');
      let file = join(this.root, path);
      if (path.endsWith('/')) file = join(file, 'index.html');
      if (!existsSync(file)) { res.writeHead(404); res.end('not found'); return; }
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
      res.end(readFileSync(file));
    });
  }

  static copyOfDist(): string {
    const dir = mkdtempSync(join(tmpdir(), 'bantin-site-'));
    cpSync('dist', dir, { recursive: true });
    return dir;
  }

  url(path = ''): string { return `http://127.0.0.1:${this.port}${this.prefix}${path}`; }
  start(): Promise<void> { return new Promise((resolve) => this.server.listen(this.port, '127.0.0.1', () => resolve())); }
  stop(): Promise<void> { return new Promise((resolve) => this.server.close(() => resolve())); }

  feed(): any { return JSON.parse(readFileSync(join(this.root, 'feed.json'), 'utf8')); }
  writeFeed(feed: any) { writeFileSync(join(this.root, 'feed.json'), JSON.stringify(feed)); }

  /** Deploy a worker of a new version whose precache names a file that is not there, as a
   *  deploy cut short would: its install must fail without touching the running version. */
  deployBrokenWorker() {
    const path = join(this.root, 'sw.js');
    const worker = readFileSync(path, 'utf8')
      .replace(/var VERSION = "[0-9a-f]+";/, 'var VERSION = "broken0000000000";')
      .replace('var PRECACHE = [', 'var PRECACHE = ["bantin-0000000000000000_bg.wasm", ');
    writeFileSync(path, worker);
  }

  /** Deploy "build B": a changed, re-hashed stylesheet and a regenerated worker (new version). */
  deployNewBuild(marker: string): string {
    const next = Site.copyOfDist();
    const css = readdirSync(next).find((f) => f.endsWith('.css'))!;
    const renamed = css.replace(/\.css$/, `-${marker}.css`);
    renameSync(join(next, css), join(next, renamed));
    const oldCss = readFileSync(join(next, renamed));
    const newCss = Buffer.concat([oldCss, Buffer.from(`\n:root{--bantin-build:"${marker}"}\n`)]);
    writeFileSync(join(next, renamed), newCss);
    // trunk pins each asset with a subresource-integrity hash: a real build has the new one.
    const sri = (bytes: Buffer) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
    const index = join(next, 'index.html');
    writeFileSync(index, readFileSync(index, 'utf8').split(css).join(renamed).split(sri(oldCss)).join(sri(newCss)));
    cpSync(join(this.root, 'feed.json'), join(next, 'feed.json'));
    execFileSync('cargo', ['xtask', 'pwa', next], { stdio: 'inherit' });
    this.root = next;
    return renamed;
  }
}
