// The gate's policy modes, on the REAL gate module (extension/content/gate.js, the real X site
// table, dialog and decision) in a page with an X-like two-post thread (fixture/gate-page.js).
// The checker's answers are fixed there; the finding sits on the SECOND post, so every mode is
// also a test that the gate checks every editor of the thread. Then end to end on X's fixture
// with the real extension and checker, the mode saved in the user's options: "off", "badge"
// and "block" (the default, "confirm", is tested in x.test.mjs and x-composers.test.mjs).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './lib/server.mjs';
import { useBrowser, openPage, launch } from './lib/browser.mjs';
import { EDITOR, axDialog, clickNode, badge, posts, editorText, focusInEditor, waitHighlights, highlights, isolatedWorld } from './lib/helpers.mjs';

const ARTIFACTS = path.join(ROOT, 'tests/e2e/artifacts');
const T0 = '明日は防災訓練です。';
const T1 = '詳細は bit.ly/3kIbIcU をご覧ください。';

const env = useBrowser();

/**
 * Opens the gate page with a policy, fills both posts, focuses the first.
 * @param {string} query
 */
async function open(query) {
  // Not x.com: the extension's own content script must not gate this page too.
  const opened = await openPage(env.browser, `https://127.0.0.1:${env.server.port}/gate-page?${query}`);
  await opened.page.waitForFunction(() => /** @type {any} */ (window).__ready);
  await opened.page.evaluate(([a, b]) => /** @type {any} */ (window).__fill(a, b), [T0, T1]);
  return opened;
}

/** @param {import('playwright-core').Page} page */
async function noDialogAndPosted(page) {
  await page.waitForFunction(() => /** @type {any} */ (window).__posts.length === 1);
  await page.waitForTimeout(200);
  assert.equal(await page.$('postcheck-dialog'), null, 'no dialog');
  assert.deepEqual(await posts(page), [[T0, T1]], 'posted once, both posts of the thread');
}

test('gate "off": a warning on the second post does not stop the post', async (t) => {
  const { page } = await open('gate=off&sev=warn');
  t.diagnostic('clicks post with a warn finding on post 2: posts at once');
  await page.click('[data-testid="tweetButtonInline"]');
  await noDialogAndPosted(page);
  assert.equal(await page.evaluate(() => /** @type {any} */ (window).__checked), 0, 'nothing was even checked');
  await page.close();
});

test('gate "badge": even a block finding only shows on the badge; the post goes out', async (t) => {
  const { page } = await open('gate=badge&sev=block');
  await page.click('[data-testid="tweetButtonInline"]');
  await noDialogAndPosted(page);
  await page.close();
});

test('gate "confirm": info posts at once; warn asks (both posts checked first); "このまま投稿" posts once', async (t) => {
  const info = await open('gate=confirm&sev=info');
  await info.page.click('[data-testid="tweetButtonInline"]');
  await noDialogAndPosted(info.page);
  assert.equal(await info.page.evaluate(() => /** @type {any} */ (window).__checked), 2, 'both editors were checked');
  await info.page.close();

  const { page, cdp } = await open('gate=confirm&sev=warn');
  await page.click('[data-testid="tweetButtonInline"]');
  await page.waitForSelector('postcheck-dialog');
  const d = await axDialog(cdp);
  t.diagnostic(`dialog "${d?.name}" buttons ${JSON.stringify(d?.buttons.map((b) => b.name))}`);
  assert.equal(d?.name, '投稿する前に確認してください');
  assert.deepEqual(d.buttons.map((b) => b.name), ['このまま投稿', '戻って直す']);
  assert.match(d.text, /「bit\.ly\/3kIbIcU」/, 'quotes the characters of the second post');
  assert.deepEqual(await posts(page), []);
  await clickNode(page, cdp, d.buttons[0].backendNodeId);
  await page.waitForSelector('postcheck-dialog', { state: 'detached' });
  await page.waitForTimeout(200);
  assert.deepEqual(await posts(page), [[T0, T1]]);
  await page.close();
});

test('gate "confirm" with a block finding, and gate "block" with a warning: only "戻って直す"', async (t) => {
  for (const q of ['gate=confirm&sev=block', 'gate=block&sev=warn']) {
    const { page, cdp } = await open(q);
    await page.click('[data-testid="tweetButtonInline"]');
    await page.waitForSelector('postcheck-dialog');
    const d = await axDialog(cdp);
    t.diagnostic(`${q}: dialog "${d?.name}" buttons ${JSON.stringify(d?.buttons.map((b) => b.name))}`);
    assert.equal(d?.name, 'このままでは投稿できません');
    assert.deepEqual(d.buttons.map((b) => b.name), ['戻って直す']);
    await page.keyboard.press('Enter');
    await page.waitForSelector('postcheck-dialog', { state: 'detached' });
    assert.deepEqual(await posts(page), [], 'never posted');
    await page.close();
  }
});

test('checklist (policy): every box must be ticked before "投稿する" — also for a clean post', async (t) => {
  const { page, cdp } = await open('gate=confirm&sev=clean&checklist=1');
  await page.click('[data-testid="tweetButtonInline"]');
  await page.waitForSelector('postcheck-dialog');
  let d = await axDialog(cdp);
  t.diagnostic(`dialog "${d?.name}": ${d?.text}`);
  assert.equal(d?.name, '投稿する前の確認');
  assert.deepEqual(d.buttons.map((b) => b.name), ['投稿する', '戻る']);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  const boxes = nodes.filter((n) => n.role?.value === 'checkbox').map((n) => n.name?.value);
  t.diagnostic(`checkboxes: ${JSON.stringify(boxes)}`);
  assert.deepEqual(boxes, ['所属長の承認を得ましたか', '画像に個人が写っていませんか']);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, 'gate-checklist.png') });
  const disabled = async () => {
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const b = nodes.find((n) => n.role?.value === 'button' && n.name?.value === '投稿する');
    return (b?.properties ?? []).some((p) => p.name === 'disabled' && p.value.value === true);
  };
  assert.equal(await disabled(), true, '投稿する is disabled with no box ticked');
  t.diagnostic('ticks the first box with Space (focus starts there): still disabled; Tab, Space: enabled');
  await page.keyboard.press('Space');
  assert.equal(await disabled(), true);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  assert.equal(await disabled(), false);
  d = await axDialog(cdp);
  const post = d?.buttons.find((b) => b.name === '投稿する');
  assert.ok(post);
  await clickNode(page, cdp, post.backendNodeId);
  await page.waitForSelector('postcheck-dialog', { state: 'detached' });
  await page.waitForTimeout(200);
  assert.deepEqual(await posts(page), [[T0, T1]]);
  await page.close();
});

test('checklist with a warning: "このまま投稿" stays disabled until both boxes are ticked', async (t) => {
  const { page, cdp } = await open('gate=confirm&sev=warn&checklist=1');
  await page.click('[data-testid="tweetButtonInline"]');
  await page.waitForSelector('postcheck-dialog');
  const d = await axDialog(cdp);
  const post = d?.buttons.find((b) => b.name === 'このまま投稿');
  assert.ok(post);
  await clickNode(page, cdp, post.backendNodeId); // disabled: nothing happens
  await page.waitForTimeout(150);
  assert.ok(await page.$('postcheck-dialog'), 'the dialog is still open');
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'POSTCHECK-DIALOG', 'focus stays in the dialog');
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  await clickNode(page, cdp, post.backendNodeId);
  await page.waitForSelector('postcheck-dialog', { state: 'detached' });
  await page.waitForTimeout(200);
  assert.deepEqual(await posts(page), [[T0, T1]]);
  await page.close();
});

test('the policy not known yet (the background still starting): a post waits for it, then goes out in its mode — "off" posts once, "confirm" asks', async (t) => {
  const { page } = await open('gate=off&sev=warn&pending=1');
  t.diagnostic('gate "off", not yet answered: click, then Ctrl+Enter while the first waits');
  await page.click('[data-testid="tweetButtonInline"]');
  await page.focus('[data-testid="tweetTextarea_0"]');
  await page.keyboard.press('Control+Enter');
  await page.waitForTimeout(200);
  assert.deepEqual(await posts(page), [], 'held until the policy is known');
  assert.equal(await page.$('postcheck-dialog'), null, 'no dialog while waiting');
  assert.deepEqual(await page.evaluate(() => /** @type {any} */ (window).__policyWaitShown), ['tweetButtonInline'], 'the wait is shown once, at this composer');
  await page.evaluate(() => /** @type {any} */ (window).__answerPolicy());
  await noDialogAndPosted(page);
  assert.equal(await page.evaluate(() => /** @type {any} */ (window).__checked), 0, 'nothing was checked');
  assert.equal(await page.evaluate(() => /** @type {any} */ (window).__gateStats.policyWaits), 1);
  await page.close();

  t.diagnostic('gate "confirm", not yet answered: Ctrl+Enter is held; once answered both posts are checked and the dialog asks');
  const c = await open('gate=confirm&sev=warn&pending=1');
  await c.page.focus('[data-testid="tweetTextarea_0"]');
  await c.page.keyboard.press('Control+Enter');
  await c.page.waitForTimeout(200);
  assert.equal(await c.page.$('postcheck-dialog'), null);
  assert.equal(await c.page.evaluate(() => /** @type {any} */ (window).__checked), 0, 'not checked before the policy is known');
  await c.page.evaluate(() => /** @type {any} */ (window).__answerPolicy());
  await c.page.waitForSelector('postcheck-dialog');
  const d = await axDialog(c.cdp);
  assert.equal(d?.name, '投稿する前に確認してください');
  assert.equal(await c.page.evaluate(() => /** @type {any} */ (window).__checked), 2, 'both editors were checked');
  assert.deepEqual(await posts(c.page), []);
  await clickNode(c.page, c.cdp, /** @type {any} */ (d).buttons[0].backendNodeId);
  await c.page.waitForSelector('postcheck-dialog', { state: 'detached' });
  await c.page.waitForTimeout(200);
  assert.deepEqual(await posts(c.page), [[T0, T1]], 'posted once');
  await c.page.close();
});

test('when every text is already checked, the gate decides at once (decision time <= 16 ms)', async (t) => {
  const { page } = await open('gate=confirm&sev=info');
  await page.evaluate(() => { /** @type {any} */ (window).__fresh = true; });
  /** @type {number[]} */
  const ms = [];
  for (let i = 0; i < 20; i++) {
    await page.click('[data-testid="tweetButtonInline"]');
    ms.push(await page.evaluate(() => /** @type {any} */ (window).__gateStats.decisionMs));
  }
  assert.equal(await page.evaluate(() => /** @type {any} */ (window).__checked), 0, 'no check was needed');
  assert.equal((await posts(page)).length, 20, 'each click posted exactly once');
  ms.sort((a, b) => a - b);
  t.diagnostic(`decision time (sync path, 2 editors): median ${ms[10].toFixed(2)} ms, max ${ms[19].toFixed(2)} ms`);
  console.log(`gate decision time (2-post thread, results current): median ${ms[10].toFixed(2)} ms, max ${ms[19].toFixed(2)} ms (n=20)`);
  // The median is the figure; a single slow click on this shared 2-core machine (GC, another
  // helper's build) is reported, not failed.
  assert.ok(ms[10] <= 16, `median ${ms[10]} ms`);
  await page.close();
});

// ---- end to end on X with the real extension: the mode from the user's options -----------

const TEXT = '週末のイベント詳細は bit.ly/3kIbIcU から！集合は吉備中央町豊野1-2-3の公園です。';
const CLEAN = '本日の窓口は17時までです。';
const POST = '[data-testid="tweetButtonInline"]';

/**
 * X's home with the gate mode saved in the user's options (as the options page does), the
 * text typed with real keys and checked: both findings underlined, the badge says so.
 * @param {string} gate
 */
async function typedOnX(gate) {
  const w = await env.browser.worker();
  // gate "off" stops checking altogether (docs/admin.md section 3); it is switched on below,
  // live, once the draft is underlined, so the draft is typed under the default gate.
  await w.evaluate((g) => chrome.storage.local.set({ policy: { gate: g } }), gate === 'off' ? 'confirm' : gate);
  const opened = await openPage(env.browser, 'https://x.com/home');
  const { page } = opened;
  await page.waitForSelector(EDITOR);
  await page.click(EDITOR);
  await page.keyboard.type(TEXT);
  await waitHighlights(page, { warn: ['bit.ly/3kIbIcU', '吉備中央町豊野1-2-3'] });
  assert.equal((await badge(page))?.label, '警告 2件');
  if (gate === 'off') {
    await w.evaluate(() => chrome.storage.local.set({ policy: { gate: 'off' } }));
    await waitHighlights(page, {});
  }
  return opened;
}

test('X, gate "off": a post with warnings goes out at once, by click and by Ctrl+Enter before any result', async (t) => {
  const { page } = await typedOnX('off');
  await page.click(POST);
  assert.equal(await page.$('postcheck-dialog'), null, 'no dialog');
  assert.deepEqual((await posts(page)).map((/** @type {any} */ p) => p.text), [TEXT], 'posted at once, the exact text');
  t.diagnostic('inserts a text with a finding and presses Ctrl+Enter in the same moment: posted, nothing waited for');
  await page.focus(EDITOR);
  await page.keyboard.insertText(TEXT);
  await page.keyboard.press('Control+Enter');
  assert.equal((await posts(page)).length, 2);
  await page.waitForTimeout(300);
  assert.equal(await page.$('postcheck-dialog'), null);
  assert.equal((await posts(page)).length, 2, 'posted once');
  await page.close();
});

/**
 * X's home opened with the gate mode already saved in the user's options (as the options page
 * saves it), BEFORE the page loads.
 * @param {string} gate
 * @param {Awaited<ReturnType<typeof launch>>} [browser]
 */
async function openedWith(gate, browser = env.browser) {
  const w = await browser.worker();
  await w.evaluate((g) => chrome.storage.local.set({ policy: { gate: g } }), gate);
  const opened = await openPage(browser, 'https://x.com/home');
  await opened.page.waitForSelector(EDITOR);
  const inContent = await isolatedWorld(opened.cdp, async () => { await opened.cdp.send('Runtime.enable'); });
  return { ...opened, inContent };
}

/**
 * Types TEXT with real keys and posts it (click or Ctrl+Enter): posted once with the exact
 * text and no dialog (the post may wait for the policy while the background starts).
 * @param {import('playwright-core').Page} page
 * @param {'click' | 'Ctrl+Enter'} how
 * @param {(before: number) => Promise<boolean>} [afterPost]  runs right after the post
 *   action (given the number of posts before it); returns whether the post was seen waiting
 */
async function typeAndPost(page, how, afterPost = async (/** @type {number} */ before) => false) {
  const before = (await posts(page)).length;
  await page.click(EDITOR);
  await page.keyboard.type(TEXT);
  if (how === 'click') await page.click(POST);
  else await page.keyboard.press('Control+Enter');
  const waited = await afterPost(before);
  await page.waitForFunction((n) => /** @type {any} */ (window).__posts.length > n, before, { timeout: 15000 });
  await page.waitForTimeout(300);
  assert.equal(await page.$('postcheck-dialog'), null, `${how}: no dialog`);
  const all = await posts(page);
  assert.equal(all.length, before + 1, `${how}: posted once`);
  assert.equal(all[before].text, TEXT, `${how}: the exact text`);
  return waited;
}

test('X, gate "off" saved before the page loads: click and Ctrl+Enter post at once, nothing is checked or shown', async (t) => {
  // A browser just started, as when it opens with X restored: its first read of the managed
  // policy takes seconds, so the content script does not know the gate mode yet when the
  // user posts (the case that did not post: the gate acted as "confirm" meanwhile).
  const fresh = await launch(env.server.port);
  t.after(() => fresh.close());
  const { page, inContent } = await openedWith('off', fresh);
  for (const phase of ['right after the browser started', 'once the policy is known']) {
    if (phase !== 'right after the browser started') {
      await page.reload();
      await page.waitForSelector(EDITOR);
      await page.waitForFunction(() => /** @type {any} */ (window).__posts !== undefined);
      for (let i = 0; i < 100 && !(await inContent('postcheckContent.policy().paused').catch(() => false)); i++) await page.waitForTimeout(50);
      assert.equal(await inContent('postcheckContent.policy().paused'), true, 'the content script knows checking is off');
    }
    for (const how of /** @type {const} */ (['click', 'Ctrl+Enter'])) {
      const waited = await typeAndPost(page, how, async (before) => {
        // Read the badge, then whether the post is still waiting: if it is, the badge was read
        // while it waited and must say so (the post is not lost, the click not ignored).
        const label = (await badge(page))?.label;
        if (await page.evaluate((n) => /** @type {any} */ (window).__posts.length > n, before)) return false;
        assert.equal(label, '確認中', `${how}: a post waiting for the policy shows "確認中"`);
        return true;
      });
      t.diagnostic(`${phase}, ${how}: ${waited ? 'waited for the policy, badge "確認中"' : 'posted at once'}`);
      if (phase === 'once the policy is known') assert.equal(waited, false, 'the policy known: posted at once');
    }
    const st = await inContent('({ sessions: postcheckContent.sessions(), gate: postcheckContent.gate, policy: postcheckContent.policy() })');
    t.diagnostic(`${phase}: posted by click and Ctrl+Enter; gate ${JSON.stringify(st.gate)}`);
    assert.equal(st.policy.gate, 'off');
    assert.equal(st.sessions, 0, 'no editor is watched');
    assert.equal(st.gate.decisions + st.gate.held, 0, 'the gate never held nor decided');
    assert.deepEqual(await highlights(page), { info: [], warn: [], block: [] }, 'nothing underlined');
    assert.equal(await page.$('postcheck-badge:not([style*="display: none"])'), null, 'no badge');
  }
  await page.close();
});

test('X, gate "badge" saved before the page loads: an immediate post goes out once; then the warnings show and Ctrl+Enter posts', async (t) => {
  const { page } = await openedWith('badge');
  await typeAndPost(page, 'click');
  await page.click(EDITOR);
  await page.keyboard.type(TEXT);
  await waitHighlights(page, { warn: ['bit.ly/3kIbIcU', '吉備中央町豊野1-2-3'] });
  assert.equal((await badge(page))?.label, '警告 2件');
  await page.keyboard.press('Control+Enter');
  await page.waitForFunction(() => /** @type {any} */ (window).__posts.length === 2);
  await page.waitForTimeout(300);
  assert.equal(await page.$('postcheck-dialog'), null);
  assert.deepEqual((await posts(page)).map((/** @type {any} */ p) => p.text), [TEXT, TEXT], 'each posted once, exact');
  await page.close();
});

test('X, gate "badge": the warnings show on the badge and are underlined, the post is never held', async (t) => {
  const { page } = await typedOnX('badge');
  await page.click(POST);
  await page.waitForTimeout(300);
  assert.equal(await page.$('postcheck-dialog'), null, 'no dialog');
  assert.deepEqual((await posts(page)).map((/** @type {any} */ p) => p.text), [TEXT]);
  t.diagnostic('again with Ctrl+Enter right after inserting the text');
  await page.focus(EDITOR);
  await page.keyboard.insertText(TEXT);
  await page.keyboard.press('Control+Enter');
  await page.waitForFunction(() => /** @type {any} */ (window).__posts.length === 2);
  await page.waitForTimeout(300);
  assert.equal(await page.$('postcheck-dialog'), null);
  assert.equal((await posts(page)).length, 2, 'posted once');
  await page.close();
});

test('X, gate "block": warnings hold the post with only "戻って直す" (click and Ctrl+Enter); a clean text posts', async (t) => {
  const { page, cdp } = await typedOnX('block');
  for (const how of ['click', 'Ctrl+Enter']) {
    if (how === 'click') await page.click(POST);
    else {
      await page.focus(EDITOR);
      await page.keyboard.press('Control+Enter');
    }
    await page.waitForSelector('postcheck-dialog');
    const d = await axDialog(cdp);
    t.diagnostic(`${how}: dialog "${d?.name}" ${JSON.stringify(d?.buttons.map((b) => b.name))}`);
    assert.equal(d?.name, 'このままでは投稿できません');
    assert.deepEqual(d.buttons.map((b) => b.name), ['戻って直す']);
    assert.ok(d.text.includes('「bit.ly/3kIbIcU」') && d.text.includes('「吉備中央町豊野1-2-3」'), 'quotes both warnings');
    await page.keyboard.press('Enter'); // the only button: back to the draft
    await page.waitForSelector('postcheck-dialog', { state: 'detached' });
    assert.ok(await focusInEditor(page));
    assert.equal(await editorText(page), TEXT, 'the draft is unchanged');
    assert.deepEqual(await posts(page), [], 'never posted');
  }
  t.diagnostic('a clean text is not held in block mode');
  await page.keyboard.press('Control+A');
  await page.keyboard.type(CLEAN);
  await page.waitForFunction(() => document.querySelector('postcheck-badge')?.getAttribute('data-state') === 'clean');
  await page.click(POST);
  await page.waitForFunction(() => /** @type {any} */ (window).__posts.length === 1);
  assert.equal((await posts(page))[0].text, CLEAN);
  await page.close();
});
