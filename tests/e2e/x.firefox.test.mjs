// The X end-to-end tests (x.test.mjs) in headless Firefox ESR with the Firefox build
// (dist/postcheck-firefox), driven by puppeteer-core over WebDriver BiDi: same bodies, same
// assertions; the CDP-only ones are skipped with their reason.
process.env.POSTCHECK_BROWSER = 'firefox';
await import('./x.test.mjs');
