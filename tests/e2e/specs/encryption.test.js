// Encryption through the real app (issue 13): a practice file from before encryption is opened;
// the administrator's first login encrypts it and shows the recovery sheet (the key, once)
// before anything else; after "I have printed it" the practice opens as usual, the file holds
// no readable SQLite header, and its key file opens it for the command line too.
// Screenshot: encryption-recovery-sheet.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ARTIFACTS, DEMO_USERS, byTestId, cliOn, textMatching, typeInto, useApp } from '../harness.js';

// A demo practice as ClaimDesk made them before encryption.
const work = mkdtempSync(path.join(os.tmpdir(), 'claimdesk-e2e-enc-'));
const db = path.join(work, 'older.claimdesk');
execFileSync(process.env.CLAIMDESK_CLI, ['--db', db, 'demo', '--patients', '30', '--unencrypted']);
const header = () => readFileSync(db).subarray(0, 15).toString('latin1');

let browser;
useApp((started) => {
  browser = started.browser;
}, { db, user: null });

test('the first administrator login encrypts the file and shows the recovery key once', async () => {
  assert.equal(header(), 'SQLite format 3', 'the file starts unencrypted');
  const form = await browser.$(byTestId('login-screen'));
  await form.waitForDisplayed({ timeout: 30000 });
  await typeInto(browser, 'login', DEMO_USERS.admin.login);
  await typeInto(browser, 'password', DEMO_USERS.admin.password);
  await (await browser.$(byTestId('login-submit'))).click();

  const key = await textMatching(browser, 'recovery-key', /^[0-9A-Z]{4}(-[0-9A-Z]{4}){7}$/, 60000);
  const sheet = await (await browser.$(byTestId('recovery-sheet'))).getText();
  assert.match(sheet, /forgetting every/i, 'the sheet says plainly what losing the key means');
  await browser.saveScreenshot(path.join(ARTIFACTS, 'encryption-recovery-sheet.png'));
  // Nothing else is reachable until the administrator has put the sheet away.
  assert.equal(await (await browser.$(byTestId('session-user'))).isExisting(), false);
  assert.equal(await (await browser.$(byTestId('recovery-done'))).isEnabled(), false);

  // The file on disk is encrypted now, with its key file beside it.
  assert.notEqual(header(), 'SQLite format 3');
  assert.ok(existsSync(`${db}.keys`), 'the key file sits beside the practice file');

  await (await browser.$(byTestId('recovery-confirm'))).click();
  await (await browser.$(byTestId('recovery-done'))).click();
  await (await browser.$(byTestId('session-user'))).waitForDisplayed({ timeout: 30000 });
  await textMatching(browser, 'practice-name', /Riverside Family Medicine/);

  // The command line opens it with the same password; the key is not on the page any more.
  const checked = JSON.parse(cliOn(db, '--json', 'check'));
  assert.equal(checked.ok, true);
  const page = await browser.execute(() => document.body.innerText);
  assert.ok(!page.includes(key), 'the recovery key is gone from the page');
});
