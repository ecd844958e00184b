// Users, roles and the lock through the real app (issue 12): log in as the front desk, see that
// no reversal, refund or fee schedule is offered; start editing a patient's phone, wait for the
// automatic lock and find no patient name left in the page; unlock and find the form as it was;
// then switch to the administrator and find the front desk's log in, lock and unlock on the
// Audit screen. Screenshots: users-front-desk-account.png, users-locked.png,
// users-unlocked-form.png, users-audit.png.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ARTIFACTS, DEMO_USERS, byTestId, cli, logIn, pick, textsOf, typeInto, useApp } from '../harness.js';

let browser;
// The app opens on the login screen; this spec logs in itself.
useApp((started) => {
  browser = started.browser;
}, { user: null });

// The test/dev override of the idle time (ui/src/session/idle.ts), in seconds.
const LOCK_OVERRIDE = 'claimdesk.lockAfterSeconds';
const setLockOverride = (seconds) =>
  browser.execute((k, v) => (v === null ? window.localStorage.removeItem(k) : window.localStorage.setItem(k, v)), LOCK_OVERRIDE, seconds === null ? null : String(seconds));

after(async () => {
  // The WebKit data folder is shared by the run's specs: leave no short lock behind.
  try { await setLockOverride(null); } catch { /* the app is gone */ }
});

async function click(testid) {
  const el = await browser.$(byTestId(testid));
  await el.waitForDisplayed({ timeout: 15000 });
  await el.click();
}

async function shown(testid, timeout = 15000) {
  const el = await browser.$(byTestId(testid));
  await el.waitForDisplayed({ timeout });
  return el;
}

const inputValue = (name) => browser.execute((n) => document.querySelector(`[name="${n}"]`)?.value ?? null, name);

// A patient who is their own guarantor, with names long enough not to turn up by chance in the
// lock screen's own words; a check paid on the account (by the CLI, as the administrator) gives
// the payments list a payment a biller or administrator could reverse.
const patient = cli('patients', 'search', 'a').results.find(
  (p) => p.active && p.last_name.length >= 4 && p.first_name.length >= 4 && cli('patients', 'show', p.account_number).guarantor.kind === 'self',
);
cli('payments', 'post', '--account', patient.account_number, '--amount', '10.00', '--method', 'check', '--reference', '4471');

async function openPatientPayments() {
  const search = await shown('patient-search');
  await search.clearValue();
  await search.addValue(patient.account_number);
  await browser.waitUntil(async () => (await textsOf(browser, byTestId('patient-row'))).length === 1, { timeout: 15000 });
  await (await (await browser.$$(byTestId('patient-row')))[0].$('td')).click();
  await shown('patient-balance');
  await click('show-payments');
  await browser.waitUntil(async () => (await textsOf(browser, byTestId('patient-payment'))).some((t) => t.includes('4471')), {
    timeout: 15000,
    timeoutMsg: 'the check is listed with the account payments',
  });
}
const TYPED_PHONE = '6175550199';

test('the app opens on the login screen with the demo logins beside the form', async () => {
  await shown('login-screen');
  assert.ok(patient, 'the demo has a patient to open');
  const logins = (await textsOf(browser, byTestId('demo-login'))).join('\n');
  assert.match(logins, /frontdesk/);
  assert.match(logins, /Front desk/);
});

test('the front desk is not offered reversals, refunds or the fee schedule', async () => {
  await logIn(browser, DEMO_USERS.frontdesk.login, DEMO_USERS.frontdesk.password);
  assert.match(await (await browser.$(byTestId('session-user'))).getText(), /Front desk/);
  assert.equal(await (await browser.$(byTestId('nav-fees'))).isExisting(), false, 'no Fee schedule entry');
  assert.equal(await (await browser.$(byTestId('nav-users'))).isExisting(), false, 'no Users entry');
  assert.equal(await (await browser.$(byTestId('nav-audit'))).isExisting(), false, 'no Audit entry');
  assert.equal(await (await browser.$(byTestId('nav-reports'))).isExisting(), false, 'no practice-wide reports');

  await openPatientPayments();
  await shown('patient-ledger');
  assert.equal(await (await browser.$(byTestId('payment-reverse'))).isExisting(), false, 'no Reverse on the payment');
  const buttons = (await textsOf(browser, 'button')).join('\n');
  assert.doesNotMatch(buttons, /Revers/i, 'no reversal action');
  assert.doesNotMatch(buttons, /Refund/i, 'no refund action');
  assert.match(buttons, /Take payment/, 'the desk takes payments');
  await browser.saveScreenshot(path.join(ARTIFACTS, 'users-front-desk-account.png'));
});

test('the idle lock removes patient data from the page, and unlocking brings the form back', async () => {
  await click('patient-tab-details');
  await typeInto(browser, 'home_phone', TYPED_PHONE);
  const typed = await inputValue('home_phone');
  assert.ok(typed && typed.replace(/\D/g, '') === TYPED_PHONE, `typed ${typed}`);

  // A short idle time for the test; the lock screen is the state to wait for.
  await setLockOverride(3);
  const lock = await browser.$(byTestId('lock-screen'));
  await lock.waitForDisplayed({ timeout: 30000, timeoutMsg: 'the screen never locked' });
  await setLockOverride(null);

  const { text, html } = await browser.execute(() => ({ text: document.body.innerText, html: document.documentElement.outerHTML }));
  // Screens show names as typed and in capitals (LAST, FIRST).
  for (const name of [patient.last_name, patient.first_name]) {
    assert.ok(!text.toLowerCase().includes(name.toLowerCase()), `the locked page's text holds no ${name}`);
    for (const form of [name, name.toUpperCase()]) assert.ok(!html.includes(form), `the locked page's HTML holds no ${form}`);
  }
  assert.ok(!html.includes(TYPED_PHONE), 'the typed phone is not in the page either');
  assert.equal(await (await browser.$(byTestId('patient-search'))).isExisting(), false);
  assert.match(await (await browser.$(byTestId('lock-user'))).getText(), /\S/);
  await browser.saveScreenshot(path.join(ARTIFACTS, 'users-locked.png'));

  // A wrong password keeps it locked.
  await typeInto(browser, 'unlock_password', 'not the password');
  await click('unlock');
  await shown('error-unlock_password');
  assert.equal(await (await browser.$(byTestId('lock-screen'))).isExisting(), true, 'still locked');
  await typeInto(browser, 'unlock_password', DEMO_USERS.frontdesk.password);
  await click('unlock');
  await shown('patient-screen', 20000);
  const back = await (await browser.$('[name="home_phone"]'));
  await back.waitForDisplayed({ timeout: 15000 });
  assert.equal(await inputValue('home_phone'), typed, 'the typed phone survived the lock');
  const title = await browser.execute(() => document.querySelector('[data-testid="patient-screen"] h2')?.textContent ?? '');
  assert.ok(title.toUpperCase().includes(patient.last_name.toUpperCase()), `the same patient is open (${title})`);
  await browser.saveScreenshot(path.join(ARTIFACTS, 'users-unlocked-form.png'));
});

test('the administrator finds the front desk log in, lock and unlock on the Audit screen', async () => {
  await click('session-switch-user');
  await shown('login-screen');
  await logIn(browser, DEMO_USERS.admin.login, DEMO_USERS.admin.password);
  await click('nav-audit');
  await shown('audit-screen');
  await browser.waitUntil(async () => (await browser.execute(() => document.querySelectorAll('[name="audit_user"] option').length)) > 1, { timeout: 15000 });
  const id = await browser.execute(() => [...document.querySelectorAll('[name="audit_user"] option')].find((o) => o.textContent.includes('(frontdesk)'))?.value ?? null);
  assert.ok(id, 'the front desk is in the user filter');
  await pick(browser, 'audit_user', id);
  await click('audit-search');
  const wanted = ['log_in', 'lock', 'unlock'];
  let actions = [];
  await browser.waitUntil(
    async () => {
      actions = (await textsOf(browser, byTestId('audit-action'))).map((t) => t.trim());
      return wanted.every((a) => actions.includes(a));
    },
    { timeout: 20000, timeoutMsg: `the front desk's session events are listed (saw ${JSON.stringify(actions)})` },
  );
  const users = new Set((await textsOf(browser, byTestId('audit-user'))).map((t) => t.trim()));
  assert.equal(users.size, 1, `only the front desk's entries: ${[...users]}`);
  // Newest first: the unlock came after the lock, which came after the log in.
  assert.ok(actions.indexOf('unlock') < actions.indexOf('lock'), 'the unlock is listed above the lock');
  assert.ok(actions.indexOf('lock') < actions.lastIndexOf('log_in'), 'the lock is listed above the log in');
  // The failed unlock is there too.
  const outcomes = await textsOf(browser, byTestId('audit-outcome'));
  assert.ok(actions.some((a, i) => a === 'unlock' && outcomes[i].trim() === 'failed'), 'the wrong password is audited');
  await browser.saveScreenshot(path.join(ARTIFACTS, 'users-audit.png'));
});

test('the administrator is offered the reversal the front desk was not', async () => {
  await click('nav-patients');
  await openPatientPayments();
  await shown('payment-reverse');
});
