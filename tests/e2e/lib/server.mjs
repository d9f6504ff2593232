// A small HTTPS server for the fixtures (x.com and pro.x.com, www.facebook.com by Host), with X's kind of CSP (no inline script, no
// 'wasm-unsafe-eval'). The certificate is self-signed, made with openssl in a temp dir.

import https from 'node:https';
import http from 'node:http';
import net from 'node:net';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '../../..');
const FIXTURE = path.join(ROOT, 'tests/e2e/fixture');
const EXTENSION = path.join(ROOT, 'extension');

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };
export const CSP = "script-src 'self'; object-src 'none'";

/**
 * Starts the server on a free port, and an HTTP proxy on another that answers CONNECT for
 * x.com and twitter.com (any port) by tunnelling to the server: Firefox, pointed at it by its
 * proxy prefs, then opens https://x.com/home itself (no DNS or port override needed).
 * @returns {Promise<{port: number, proxyPort: number, close: () => Promise<void>}>}
 */
export async function startServer() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'postcheck-cert-'));
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1',
    '-subj', '/CN=x.com', '-addext', 'subjectAltName=DNS:x.com,DNS:pro.x.com,DNS:twitter.com,DNS:www.facebook.com,IP:127.0.0.1'], { stdio: 'ignore' });
  const server = https.createServer({ key: fs.readFileSync(key), cert: fs.readFileSync(cert) }, (req, res) => {
    const url = new URL(req.url ?? '/', 'https://x.com');
    /** @type {string | null} */
    let file = null;
    if (url.pathname.startsWith('/fixture/')) file = path.join(FIXTURE, url.pathname.slice('/fixture/'.length));
    else if (url.pathname.startsWith('/ext/')) file = path.join(EXTENSION, url.pathname.slice('/ext/'.length));
    else if (url.pathname === '/dialog-page') file = path.join(FIXTURE, 'dialog-page.html');
    else if (url.pathname === '/session-page') file = path.join(FIXTURE, 'session-page.html');
    else if (url.pathname === '/gate-page') file = path.join(FIXTURE, 'gate-page.html');
    else if (url.pathname === '/favicon.ico') file = null;
    else if (/^www\.facebook\.com(:\d+)?$/.test(req.headers.host ?? '')) file = path.join(FIXTURE, 'facebook.html'); // every Facebook route
    else file = path.join(FIXTURE, 'x.html'); // every X route is the SPA's page (pro.x.com: X Pro's columns)
    const inside = file && (file.startsWith(FIXTURE + path.sep) || file.startsWith(EXTENSION + path.sep));
    if (!file || !inside || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'content-security-policy': CSP,
      'cache-control': 'no-store',
    });
    res.end(fs.readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  /** @type {Set<import('node:net').Socket>} */
  const tunnels = new Set();
  const proxy = http.createServer((_req, res) => { res.writeHead(405); res.end('CONNECT only'); });
  proxy.on('connect', (req, client, head) => {
    const host = String(req.url ?? '').replace(/:\d+$/, '');
    if (!['x.com', 'twitter.com'].includes(host)) {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream = net.connect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const s of [client, upstream]) {
      tunnels.add(s);
      s.on('error', () => { client.destroy(); upstream.destroy(); });
      s.on('close', () => tunnels.delete(s));
    }
  });
  await new Promise((resolve) => proxy.listen(0, '127.0.0.1', () => resolve(undefined)));
  const proxyAddress = proxy.address();
  const proxyPort = typeof proxyAddress === 'object' && proxyAddress ? proxyAddress.port : 0;
  return {
    port,
    proxyPort,
    close: () => new Promise((resolve) => {
      for (const s of tunnels) s.destroy();
      proxy.close();
      server.closeAllConnections();
      server.close(() => resolve());
      fs.rmSync(dir, { recursive: true, force: true });
    }),
  };
}
