// The installed Debian package, as an office would meet it: the first start of /usr/bin/
// claimdesk-app on a machine with no practice files is the welcome screen; "Explore the demo
// practice" makes the demo in its own file; Help shows the user guide and About the version and
// notices; a second start brings the running window forward instead of opening another; the
// CLI refuses (or waits) to write the file the app holds; a practice file handed to a second
// start opens in the running window. Run by tests/package/run.sh after `apt install`, with
// CLAIMDESK_APP=/usr/bin/claimdesk-app, CLAIMDESK_CLI=/usr/bin/claimdesk, fresh XDG folders and
// a D-Bus session (the single-instance plugin finds the running app through it).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ARTIFACTS, DEMO_USERS, appTreeCpuTicks, appTreeMemoryMiB, appTreePids, byTestId, logIn, textMatching, typeInto, useApp,
} from '../harness.js';

const APP = process.env.CLAIMDESK_APP;
const CLI = process.env.CLAIMDESK_CLI;
const DATA = path.join(process.env.XDG_DATA_HOME, 'claimdesk');
const DEMO = path.join(DATA, 'Demo practice (invented data).claimdesk');
const VERSION = process.env.CLAIMDESK_EXPECT_VERSION;
const IDLE_SECONDS = Number(process.env.CLAIMDESK_IDLE_SECONDS ?? 60);
const figures = {};

let app;
let browser;
useApp((a) => {
  app = a;
  browser = a.browser;
  figures.start_to_welcome_ms = a.startMs;
}, { user: null, firstScreen: 'start-screen' });

const CLI_ENV = { ...process.env, CLAIMDESK_PASSWORD: DEMO_USERS.admin.password };
/** The installed CLI as the demo administrator: { status, stdout, stderr }. */
const claimdesk = (db, ...args) => spawnSync(CLI, ['--db', db, '--user', 'admin', ...args], { env: CLI_ENV, encoding: 'utf8' });
const json = (db, ...args) => {
  const r = claimdesk(db, '--json', ...args);
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
};

async function shown(testid, timeout = 30000) {
  const el = await browser.$(byTestId(testid));
  await el.waitForDisplayed({ timeout });
  return el;
}

test('the first start is the welcome screen: set up, open, or explore the demo', async () => {
  const welcome = await shown('start-screen');
  const text = await welcome.getText();
  assert.match(text, /Welcome to ClaimDesk/);
  assert.match(text, /Set up my practice/);
  assert.match(text, /Open a practice file/);
  assert.match(text, /Explore the demo practice/);
  assert.match(text, /invented/i);
  assert.ok(!existsSync(DEMO), 'no practice file is made before the user chooses');
});

test('Help: the user guide reads offline, About names the version, the data folder and the notices', async () => {
  await (await shown('help-menu')).click();
  await (await shown('help-guide')).click();
  await shown('user-guide');
  // The guide's topics are the README's sections for the office: calibrating the printer,
  // posting an 835, where backups go.
  await typeInto(browser, 'guide-filter', 'alignment page');
  const topics = await browser.execute(() => [...document.querySelectorAll('.guide-topic')].map((b) => b.textContent));
  assert.ok(topics.length >= 1, 'a topic speaks of the alignment page');
  await (await browser.$('.guide-topic')).click();
  await textMatching(browser, 'guide-body', /alignment page/i);
  await typeInto(browser, 'guide-filter', 'backup');
  await (await shown('guide-topic-backups')).click();
  await textMatching(browser, 'guide-body', /backup/i);
  await (await shown('guide-close')).click();

  await (await shown('help-menu')).click();
  await (await shown('help-about')).click();
  await textMatching(browser, 'about-version', new RegExp(`^${VERSION.replace(/\./g, '\\.')}$`));
  await textMatching(browser, 'about-build-date', /^\d{4}-\d{2}-\d{2}$/);
  assert.equal(await (await shown('about-data-folder')).getText(), DATA);
  const notices = await (await shown('about-notices')).getText();
  for (const expected of [/ICD-10-CM/, /rusqlite/, /tauri/, /react/, /MIT/, /Apache/, /Fonts/]) assert.match(notices, expected);
  await (await shown('about-close')).click();
});

test('explore the demo practice: its own file, marked as invented, then a patient search', async () => {
  await (await shown('start-demo')).click();
  await shown('login-screen', 60000);
  assert.ok(existsSync(DEMO), `the demo practice is made in its own file: ${DEMO}`);
  await logIn(browser, DEMO_USERS.admin.login, DEMO_USERS.admin.password);
  await textMatching(browser, 'demo-badge', /invented/i);
  const patient = json(DEMO, 'patients', 'search', 'a', '--limit', '1').results[0];
  const search = await shown('patient-search');
  await search.addValue(patient.last_name);
  await browser.waitUntil(
    async () => (await browser.execute(() => document.body.innerText)).includes(patient.account_number),
    { timeout: 20000, timeoutMsg: `the search for ${patient.last_name} never showed account ${patient.account_number}` },
  );
  const memory = appTreeMemoryMiB();
  figures.demo_open_processes = memory.processes;
  figures.demo_open_rss_mib = memory.rssMiB;
  figures.demo_open_pss_mib = memory.pssMiB;
  figures.demo_open_by_process = memory.byProcess;
});

test(`idle for ${IDLE_SECONDS} s the app and its WebKit processes use almost no CPU`, async () => {
  const ticksPerSecond = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim() || 100);
  const before = appTreeCpuTicks();
  const started = Date.now();
  await new Promise((resolve) => setTimeout(resolve, IDLE_SECONDS * 1000));
  const seconds = (Date.now() - started) / 1000;
  const percent = ((appTreeCpuTicks() - before) / ticksPerSecond / seconds) * 100;
  figures.idle_cpu_percent = Math.round(percent * 100) / 100;
  figures.idle_seconds = Math.round(seconds);
  assert.ok(percent < 5, `idle CPU ${percent.toFixed(2)} % of one core`);
});

test('the CLI does not write the practice file the app holds: it names the holder and changes nothing', () => {
  const before = json(DEMO, 'check').counts;
  const account = json(DEMO, 'patients', 'search', 'a', '--limit', '1').results[0].account_number;
  const refused = claimdesk(DEMO, 'payments', 'post', '--account', account, '--amount', '10.00', '--method', 'cash');
  assert.equal(refused.status, 1, refused.stdout);
  assert.match(refused.stderr, /the ClaimDesk app/);
  assert.match(refused.stderr, new RegExp(`process \\d+`));
  // Nothing written but the audit trail's record of the logins and of the refusal itself.
  const after = json(DEMO, 'check').counts;
  assert.ok(after.audit_log > before.audit_log, 'the refusal is in the audit trail');
  assert.deepEqual({ ...after, audit_log: 0 }, { ...before, audit_log: 0 }, 'nothing else was written');
});

test('a second start brings the running window forward and hands it the practice file it was given', async () => {
  const pids = appTreePids();
  // A second start with no file: it ends by itself (the running one was told), no second window.
  const second = spawnSync(APP, [], { env: process.env, timeout: 60000, encoding: 'utf8' });
  assert.equal(second.status, 0, `the second start ended: ${second.stderr}`);
  assert.deepEqual(appTreePids().filter((p) => !pids.includes(p)).filter((p) => {
    const r = spawnSync('ps', ['-o', 'comm=', '-p', p], { encoding: 'utf8' });
    return r.stdout.trim() === 'claimdesk-app';
  }), [], 'no second ClaimDesk process stays');
  await shown('session-user'); // the first window still works, logged in

  // A client's file double-clicked while ClaimDesk runs (the file manager starts the app with
  // its path); meanwhile a CLI write on the demo waits for the app to let go of it.
  const other = path.join(process.env.XDG_DATA_HOME, 'Other client.claimdesk');
  const made = spawnSync(CLI, ['--db', other, 'demo', '--patients', '5', '--seed', '7'], { encoding: 'utf8' });
  assert.equal(made.status, 0, made.stderr);
  const account = json(DEMO, 'patients', 'search', 'a', '--limit', '1').results[0].account_number;
  const paymentsBefore = json(DEMO, 'check').counts;
  const waiting = spawn(CLI, ['--db', DEMO, '--user', 'admin', '--wait', '120', 'payments', 'post', '--account', account, '--amount', '12.00', '--method', 'check', '--reference', '9001'], { env: CLI_ENV });
  let stderr = '';
  waiting.stderr.on('data', (d) => { stderr += d; });
  const finished = new Promise((resolve) => waiting.on('exit', resolve));
  const deadline = Date.now() + 60000;
  while (!/Waiting for/.test(stderr)) {
    assert.ok(Date.now() < deadline, `the CLI never said it waits: ${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const handOver = spawnSync(APP, [other], { env: process.env, timeout: 60000, encoding: 'utf8' });
  assert.equal(handOver.status, 0, handOver.stderr);
  // The running window opened the other file (its login screen), letting go of the demo...
  await shown('login-screen', 60000);
  await browser.waitUntil(async () => (await browser.getTitle()).includes('Other client'), {
    timeout: 20000,
    timeoutMsg: 'the running window never opened the file handed to the second start',
  });
  // ...so the waiting CLI wrote its payment then, whole.
  assert.equal(await finished, 0, stderr);
  const after = json(DEMO, 'check').counts;
  assert.equal(after.patient_payments, paymentsBefore.patient_payments + 1, `the waiting payment was posted: ${JSON.stringify(after)}`);
});

test('figures', () => {
  console.log(`figures: ${JSON.stringify(figures)}`);
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(path.join(ARTIFACTS, 'installed-figures.json'), JSON.stringify(figures, null, 2));
  assert.ok(figures.start_to_welcome_ms > 0);
});
