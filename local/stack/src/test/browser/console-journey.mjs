// The OV journey through the console, as a customer and then the applicant would click it:
// find certificates by name, see why a refused action is refused, revoke with a reason (seeing the
// service's dry run first), open the mail in the dev inbox, follow its link, confirm on the real
// confirmation page, watch the certificate become REVOKED, delete it; cancel another revocation,
// and work the revoke dialog by keyboard alone. Every view is scanned with
// axe-core for WCAG 2.1 A/AA violations, and focus is checked after each action and while polling.
// Usage: node console-journey.mjs <console url> <screenshot dir>. Exit code 0 when it all held.
import { chromium } from 'playwright-core';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [url, shots] = process.argv.slice(2);
mkdirSync(shots, { recursive: true });
const NAME = 'portal.acme.example';

// A fresh profile each run (Playwright passes it as --user-data-dir, and --headless itself).
// Without the networking flags Chromium stalls on this machine's closed network.
const browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'console-chromium-')), {
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1280, height: 900 },
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let step = 0;
const shot = async (page, name) => page.screenshot({ path: join(shots, `${String(++step).padStart(2, '0')}-${name}.png`), fullPage: true });
const check = (condition, message) => { if (!condition) throw new Error(message); };

// axe-core is evaluated through the DevTools protocol, which the console's CSP does not govern.
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const scanned = [];
async function axe(page, view) {
  if (!await page.evaluate(() => Boolean(window.axe))) await page.evaluate(AXE);
  const { violations } = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, iframes: false,
  }));
  check(violations.length === 0, `axe: WCAG 2.1 A/AA violations in ${view}: ${violations.map((v) => `${v.id} at `
    + `${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`).join('; ')}`);
  scanned.push(view);
}
/** The text of the focused element, or what it is when it is not an element a user can see. */
const focused = (page) => page.evaluate(() => (document.activeElement === document.body ? '<body>'
  : `${document.activeElement.className}: ${document.activeElement.textContent.trim()}`));
/** Waits for the console's next refresh of an in-progress certificate (it polls every 2 s). */
const nextPoll = (page) => page.waitForResponse((r) => /^\/certificates\/[^/]+$/.test(new URL(r.url()).pathname));

try {
  const page = await browser.newPage();
  page.on('pageerror', (error) => { throw error; });
  await page.goto(url);
  const card = page.locator('li.card', { has: page.getByRole('heading', { name: NAME, exact: true }) });
  await card.waitFor();
  check(await card.locator('.refund').textContent().then((t) => t.includes('Latest safe date to apply')), 'refund advice shown');
  await shot(page, 'certificates');
  await axe(page, 'certificates');

  // Polling changes nothing on screen here, so no live region may change either (a change is
  // what a screen reader announces): count their mutations over two refreshes.
  // First the demo's own background work must be done: api.acme.example's mail sent, and
  // old-shop.acme.example revoked at the CA (both change their cards, which must be announced).
  const pending = page.locator('li.card', { has: page.getByRole('heading', { name: 'api.acme.example', exact: true }) });
  await pending.locator('.progress', { hasText: 'Waiting for the applicant' }).waitFor({ timeout: 30_000 });
  const oldShop = page.locator('li.card', { has: page.getByRole('heading', { name: 'old-shop.acme.example', exact: true }) });
  await oldShop.locator('.progress', { hasText: 'Revoked' }).waitFor({ timeout: 60_000 });
  await page.evaluate(() => {
    window.liveChanges = [];
    const observer = new MutationObserver((records) => records.forEach((r) => {
      const region = r.target.closest?.('[aria-live], [role="status"], [role="alert"]') || r.target.parentElement;
      window.liveChanges.push(`${region?.className}: ${region?.textContent}`);
    }));
    document.querySelectorAll('[aria-live], [role="status"], [role="alert"]').forEach((region) =>
      observer.observe(region, { childList: true, characterData: true, subtree: true }));
  });
  await nextPoll(page);
  await nextPoll(page);
  const changes = await page.evaluate(() => window.liveChanges);
  check(changes.length === 0, `live regions changed while nothing did: ${changes}`);

  // Keyboard: the first Tab lands on the skip link.
  await page.keyboard.press('Tab');
  check(await page.evaluate(() => document.activeElement.classList.contains('skip')), 'skip link first in tab order');

  // Keyboard: the last "Show more" disappears, and the first certificate it brought takes focus.
  await page.getByLabel('Per page').selectOption('5');
  const more = page.getByRole('button', { name: 'Show more' });
  await more.waitFor();
  await more.focus();
  await page.keyboard.press('Enter');
  await more.waitFor({ state: 'hidden' });
  check((await focused(page)).startsWith('name: '), `focus on the first new card after the last page, got ${await focused(page)}`);
  // The listing of 10 per page is answered late, after the search below: its answer must not
  // replace the search's (only the latest listing is drawn).
  let lateListing;
  const lateAnswer = new Promise((resolve) => { lateListing = resolve; });
  await page.route(/\/certificates\?(?!.*q=).*limit=10/, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.continue();
    setTimeout(lateListing, 500);
  }, { times: 1 });
  await page.getByLabel('Per page').selectOption('10');

  // Find by name: any part of the common name or a SAN, in any case; the expired one says so.
  const search = page.getByRole('searchbox', { name: 'Find by name' });
  await search.fill('ACME-PARTNERS');
  await search.press('Enter');
  await page.locator('li.card', { has: page.getByRole('heading', { name: 'partner.acme-partners.example', exact: true }) }).waitFor();
  await page.waitForFunction(() => document.querySelectorAll('li.card').length === 1);
  await lateAnswer;
  check(await page.locator('li.card').count() === 1, 'a listing answered after the search does not replace its result');
  await search.fill('expired.acme');
  await search.press('Enter');
  const expired = page.locator('li.card', { has: page.getByRole('heading', { name: 'expired.acme.example', exact: true }) });
  await expired.waitFor();
  await page.waitForFunction(() => document.querySelectorAll('li.card').length === 1);
  // Waited for, not read at once: on a loaded machine the card can be drawn before its badge is shown.
  check(await expired.locator('.expired-badge').waitFor({ state: 'visible', timeout: 10000 }).then(() => true, () => false),
    'an expired certificate carries the Expired badge');
  // A refused action is disabled, and the server's reason is on the page, not only in a tooltip.
  check(await expired.getByRole('button', { name: 'Revoke…' }).isDisabled(), 'revoke disabled for an expired certificate');
  const why = await expired.locator('.why').textContent();
  check(await expired.locator('.why').isVisible() && why.includes('Revoke: This certificate expired on'),
    `the reason revoking is refused is shown, got ${why}`);
  check(await expired.getByRole('button', { name: 'Delete' }).isEnabled(), 'an expired certificate can be deleted');
  await shot(page, 'search-expired');
  await axe(page, 'search result');
  await search.fill('');
  await search.press('Enter');
  await card.waitFor();
  await page.waitForFunction(() => document.querySelectorAll('li.card').length > 1);


  // Cancel a revocation awaiting its applicant (the demo's api.acme.example), by keyboard: its card
  // takes focus, not the page body.
  const cancelButton = pending.getByRole('button', { name: 'Cancel revocation' });
  await cancelButton.focus();
  await page.keyboard.press('Enter');
  await page.getByRole('status').filter({ hasText: 'The revocation of api.acme.example was cancelled' }).waitFor();
  check((await focused(page)) === 'name: api.acme.example', `focus on the card after cancelling, got ${await focused(page)}`);
  check(await cancelButton.isHidden(), 'nothing left to cancel');

  // The revoke dialog by keyboard only: Enter opens it on the reason, Escape closes it back onto
  // the button that opened it; then the reason is chosen with the arrow keys, Tab goes to
  // "Keep certificate" and then "Revoke", and Enter submits.
  const revokeButton = card.getByRole('button', { name: 'Revoke…' });
  const dialog = page.getByRole('dialog', { name: 'Revoke certificate' });
  const reasonSelect = dialog.getByLabel('Reason (RFC 5280)');
  const activeId = () => page.evaluate(() => document.activeElement.id);
  await revokeButton.focus();
  await page.keyboard.press('Enter');
  await dialog.waitFor();
  check(await activeId() === 'revoke-reason', `the dialog opens on the reason, got ${await focused(page)}`);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  check(await revokeButton.evaluate((b) => b === document.activeElement), `Escape returns focus to Revoke…, got ${await focused(page)}`);
  await page.keyboard.press('Enter');
  await dialog.waitFor();
  check(await activeId() === 'revoke-reason', `the dialog opens on the reason again, got ${await focused(page)}`);
  const reasons = await reasonSelect.locator('option').evaluateAll((o) => o.map((x) => x.value).filter(Boolean));
  check(JSON.stringify(reasons.sort()) === JSON.stringify(['affiliationChanged', 'cessationOfOperation', 'keyCompromise', 'superseded', 'unspecified']),
    `exactly the five reasons, got ${reasons}`);
  for (let i = 0; i < 6 && await reasonSelect.inputValue() !== 'keyCompromise'; i++) await page.keyboard.press('ArrowDown');
  check(await reasonSelect.inputValue() === 'keyCompromise', `the arrow keys choose the reason, got ${await reasonSelect.inputValue()}`);
  // The service's dry run of this very application, before anything is written.
  const preview = dialog.locator('#revoke-preview');
  await preview.getByText('must confirm by e-mail before the CA is asked').waitFor();
  const previewText = await preview.textContent();
  check(/The applicant \(.+@.+\) must confirm/.test(previewText) && previewText.includes('Refund outlook: eligible')
    && previewText.includes('The CA may take up to 5 business days') && previewText.includes('cannot be downloaded'),
  `the dry run's outcome, refund outlook, SLA and download lock, got ${previewText}`);
  check(await dialog.getByRole('button', { name: 'Revoke' }).isEnabled(), 'revoke enabled once the dry run accepts it');
  await shot(page, 'revoke-dialog');
  await axe(page, 'revoke dialog with its dry run');
  const described = await dialog.evaluate((d) => d.getAttribute('aria-describedby').split(' ')
    .map((id) => document.getElementById(id).textContent).join(' '));
  check(described.includes(NAME) && described.includes('Refund outlook') && described.includes('cannot be undone'),
    `the dialog describes the certificate, the refund outlook and permanence, got ${described}`);
  check(await activeId() === 'revoke-reason', `focus stays on the reason through the dry run, got ${await focused(page)}`);
  await page.keyboard.press('Tab');
  check(await activeId() === 'revoke-cancel', `Tab from the reason goes to Keep certificate, got ${await focused(page)}`);
  await page.keyboard.press('Tab');
  check(await activeId() === 'revoke-submit', `then to Revoke, got ${await focused(page)}`);
  await page.keyboard.press('Enter');
  await page.getByRole('status').filter({ hasText: `Revocation of ${NAME} submitted` }).waitFor();
  check((await focused(page)) === `name: ${NAME}`, `focus on the revoked card after submitting, got ${await focused(page)}`);
  await card.locator('.status', { hasText: 'Awaiting confirmation' }).waitFor();
  await card.locator('.timeline li', { hasText: 'Revocation requested' }).waitFor();
  check(await card.getByRole('button', { name: 'Download PEM' }).isDisabled(), 'download locked after submitting');
  check((await card.locator('.why').textContent()).includes('so it can no longer be viewed or downloaded'),
    'the lock is explained on the card');
  await card.locator('.timeline li', { hasText: 'Confirmation e-mail sent' }).waitFor({ timeout: 30_000 });
  await shot(page, 'awaiting-confirmation');

  await page.getByRole('link', { name: /Dev inbox/ }).click();
  const mail = page.getByRole('button', { name: new RegExp(`Confirm the revocation of ${NAME}`) });
  await mail.waitFor({ timeout: 30_000 });
  await mail.click();
  const message = page.frameLocator('#mail-view');
  await message.getByRole('link', { name: 'Review and confirm the revocation' }).waitFor();
  await shot(page, 'inbox');
  await axe(page, 'dev inbox');
  // The inbox polls every 2 s; the message the user is on keeps focus through it.
  await mail.focus();
  for (let i = 0; i < 2; i++) await page.waitForResponse((r) => new URL(r.url()).pathname === '/local/mail');
  check(await mail.evaluate((button) => button === document.activeElement), `focus kept while the inbox polls, got ${await focused(page)}`);
  await message.getByRole('link', { name: 'Review and confirm the revocation' }).click();
  await page.waitForURL(/\/revocations\/confirm\?token=/);
  await page.getByRole('heading', { name: `Confirm the revocation of ${NAME}` }).waitFor();
  await shot(page, 'confirmation-page');
  await axe(page, 'confirmation page');
  await page.getByRole('button', { name: 'Revoke this certificate' }).click();
  await page.getByRole('heading', { name: 'Revocation confirmed' }).waitFor();
  await shot(page, 'confirmed');

  await page.goto(url);
  await card.locator('.status', { hasText: 'Revoked' }).waitFor({ timeout: 60_000 });
  // What the CA's own status said, on the card and in the timeline: the local CA is Pebble.
  const x509 = await card.locator('.x509').textContent();
  check(/^Serial [0-9A-F]+ · issuer CN=Pebble Intermediate CA/.test(x509) && /SHA-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}$/.test(x509),
    `serial, issuer and fingerprint shown, got ${x509}`);
  await card.getByRole('button', { name: 'Timeline' }).click();
  const revokedEvent = card.locator('.timeline li', { hasText: 'Revoked by the CA' });
  await revokedEvent.waitFor();
  const evidence = await revokedEvent.textContent();
  check(evidence.includes('Key compromise') && evidence.includes('evidence: Pebble https://127.0.0.1:')
    && evidence.includes('/cert-status-by-serial/'), `the CA's evidence on the timeline, got ${evidence}`);
  await shot(page, 'revoked');
  page.once('dialog', (d) => d.accept());
  await card.getByRole('button', { name: 'Delete' }).click();
  await card.waitFor({ state: 'detached' });
  await page.getByRole('status').filter({ hasText: `${NAME} was deleted` }).waitFor();
  check((await focused(page)).startsWith('name: '), `focus on the next card after deleting, got ${await focused(page)}`);
  await shot(page, 'deleted');

  // A valid certificate cannot be deleted: the button is disabled, and the card says why.
  const valid = page.locator('li.card', { has: page.getByRole('heading', { name: 'shop.acme.example', exact: true }) });
  check(await valid.getByRole('button', { name: 'Delete' }).isDisabled(), 'delete disabled where the rules forbid it');
  check((await valid.locator('.why').textContent()).includes('Delete: This certificate is still valid: revoke it first'),
    'the refusal is explained in visible text');

  // Bulk: a DV and an OV certificate selected together; the dialog shows the service's dry run,
  // the batch goes in one request, the DV one is revoked and the OV one waits for its applicant.
  const legacy = page.locator('li.card', { has: page.getByRole('heading', { name: 'legacy.acme.example', exact: true }) });
  await valid.getByRole('checkbox', { name: 'Select shop.acme.example' }).check();
  await legacy.getByRole('checkbox', { name: 'Select legacy.acme.example' }).check();
  await page.getByRole('button', { name: 'Revoke 2 selected…' }).click();
  const bulk = page.getByRole('dialog', { name: 'Revoke selected certificates' });
  await bulk.getByLabel(/Reason/).selectOption('superseded');
  await bulk.getByText('shop.acme.example: goes straight to the CA').waitFor();
  await bulk.getByText("legacy.acme.example: needs the applicant's e-mail confirmation").waitFor();
  await shot(page, 'bulk-dry-run');
  await axe(page, 'bulk dialog with its dry run');
  await bulk.getByRole('button', { name: 'Revoke 2' }).click();
  await page.getByRole('status').filter({ hasText: 'Bulk revocation' }).waitFor();
  await valid.locator('.status', { hasText: 'Revoked' }).waitFor({ timeout: 60_000 });
  await page.locator('#batch-items').getByText('legacy.acme.example: needs the applicant').waitFor();
  await shot(page, 'bulk-submitted');

  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto(url);
  await card.page().locator('li.card').first().waitFor();
  const overflow = await page.evaluate(() => document.scrollingElement.scrollWidth - window.innerWidth);
  check(overflow <= 0, `no horizontal scrolling at 375 px (overflows by ${overflow}px)`);
  await shot(page, 'narrow-375px');
  await axe(page, 'certificates at 375 px');
  console.log(`console journey passed; ${step} screenshots in ${shots}; axe: 0 WCAG 2.1 A/AA violations in ${scanned.join(', ')}`);
} finally {
  await browser.close();
}
