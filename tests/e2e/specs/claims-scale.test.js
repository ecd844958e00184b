// The Claims screen at practice scale: a generated practice of more than 20,000 claims (two
// years of history written in bulk by the CLI), opened by the real app. The list shows its
// first page newest first, keeps only the rows on screen in the page, and scrolls to the
// oldest claim, the one the CLI lists last. Prints the figures and keeps a screenshot.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ARTIFACTS, appTreeResidentMiB, byTestId, cliOn, useApp } from '../harness.js';

const DB = path.join(mkdtempSync(path.join(os.tmpdir(), 'claimdesk-scale-')), 'scale.claimdesk');
// 3,000 patients and 42,000 service lines: about 20,300 claims, written in about 30 s.
const PATIENTS = '3000';
const HISTORY_LINES = '42000';

const cli = (...args) => JSON.parse(cliOn(DB, '--json', ...args));

let newest;
let oldest;
let total;
before(() => {
  const started = Date.now();
  const made = cli('demo', '--patients', PATIENTS, '--history-lines', HISTORY_LINES);
  console.log(`figures: generated ${made.claims} claims (${made.service_lines} service lines) in ${Date.now() - started} ms`);
  const first = cli('claims', 'list', '--limit', '1');
  total = first.total;
  newest = first.claims[0];
  oldest = cli('claims', 'list', '--limit', '1', '--page', String(total)).claims[0];
  assert.ok(total >= 20000, `the practice has ${total} claims`);
});

let browser;
useApp((started) => {
  browser = started.browser;
}, { db: DB });

const rowTexts = () => browser.execute(() => [...document.querySelectorAll('[data-testid="claim-row"]')].map((r) => r.textContent ?? ''));

test('the claims list shows its first page newest first and scrolls to the oldest claim', async () => {
  await (await browser.$(byTestId('nav-claims'))).click();
  await (await browser.$(byTestId('queue-all'))).waitForDisplayed({ timeout: 10000 });
  const clicked = Date.now();
  await (await browser.$(byTestId('queue-all'))).click();
  await browser.waitUntil(async () => (await rowTexts()).length > 0, { timeout: 30000, interval: 20, timeoutMsg: 'no claim row appeared' });
  const toRows = Date.now() - clicked;

  const first = await rowTexts();
  assert.ok(first[0].includes(newest.control_number), `the first row is the newest claim ${newest.control_number}: ${first[0]}`);
  const count = await (await browser.$(byTestId('claims-count'))).getText();
  assert.equal(count, `${total} claims`);
  // Only what is on screen (and a few rows either side) is in the page.
  assert.ok(first.length < 100, `${first.length} rows in the page`);
  const elements = await browser.execute(() => document.querySelectorAll('*').length);
  const rss = appTreeResidentMiB();

  // Arrow keys move the highlight: ten moves, each answered before the next.
  await browser.execute(() => document.querySelector('[data-testid="claims-scroll"]').focus());
  const keysStarted = Date.now();
  for (let i = 0; i < 10; i++) await browser.keys('ArrowDown');
  await browser.waitUntil(
    () => browser.execute(() => document.querySelector('[data-testid="claim-row"].selected')?.getAttribute('data-index') === '10'),
    { timeout: 10000, timeoutMsg: 'the highlight did not reach the 11th claim' },
  );
  const keysMs = Date.now() - keysStarted;

  // To the end of the list: the oldest claim, as the CLI lists it last.
  await browser.execute(() => {
    const s = document.querySelector('[data-testid="claims-scroll"]');
    s.scrollTop = s.scrollHeight;
  });
  await browser.waitUntil(async () => (await rowTexts()).some((t) => t.includes(oldest.control_number)), {
    timeout: 30000,
    timeoutMsg: `the oldest claim ${oldest.control_number} never showed at the end of the list`,
  });
  const last = await rowTexts();
  assert.ok(last[last.length - 1].includes(oldest.control_number), `the last row is the oldest claim: ${last[last.length - 1]}`);
  assert.ok(last.length < 100, `${last.length} rows in the page at the end`);
  await browser.saveScreenshot(path.join(ARTIFACTS, 'claims-scale.png'));
  console.log(
    `figures: ${total} claims; All claims to rows on screen ${toRows} ms; ${first.length} rows, ${elements} elements in the page; ` +
      `app + WebKit resident ${rss} MiB; 10 arrow-key moves ${keysMs} ms`,
  );
});
