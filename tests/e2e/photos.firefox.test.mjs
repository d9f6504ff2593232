// The X photo tests (photos.test.mjs) in headless Firefox ESR with the Firefox build, driven by
// puppeteer-core over WebDriver BiDi (file inputs through BiDi's input.setFiles): same bodies,
// same assertions; the long-task measurement is skipped (Firefox reports no longtask entries).
process.env.POSTCHECK_BROWSER = 'firefox';
await import('./photos.test.mjs');
