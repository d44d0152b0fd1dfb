// The OV journey through the console, as a customer and then the applicant would click it:
// find certificates by name, see why a refused action is refused, revoke with a reason (seeing the
// service's dry run first), open the mail in the dev inbox, follow its link, confirm on the real
// confirmation page, watch the certificate become REVOKED, delete it.
// Usage: node console-journey.mjs <console url> <screenshot dir>. Exit code 0 when it all held.
import { chromium } from 'playwright-core';
import { mkdirSync, mkdtempSync } from 'node:fs';
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

try {
  const page = await browser.newPage();
  page.on('pageerror', (error) => { throw error; });
  await page.goto(url);
  const card = page.locator('li.card', { has: page.getByRole('heading', { name: NAME, exact: true }) });
  await card.waitFor();
  check(await card.locator('.refund').textContent().then((t) => t.includes('Latest safe date to apply')), 'refund advice shown');
  await shot(page, 'certificates');

  // Keyboard: the first Tab lands on the skip link.
  await page.keyboard.press('Tab');
  check(await page.evaluate(() => document.activeElement.classList.contains('skip')), 'skip link first in tab order');

  // Find by name: any part of the common name or a SAN, in any case; the expired one says so.
  const search = page.getByRole('searchbox', { name: 'Find by name' });
  await search.fill('ACME-PARTNERS');
  await search.press('Enter');
  await page.locator('li.card', { has: page.getByRole('heading', { name: 'partner.acme-partners.example', exact: true }) }).waitFor();
  await page.waitForFunction(() => document.querySelectorAll('li.card').length === 1);
  await search.fill('expired.acme');
  await search.press('Enter');
  const expired = page.locator('li.card', { has: page.getByRole('heading', { name: 'expired.acme.example', exact: true }) });
  await expired.waitFor();
  await page.waitForFunction(() => document.querySelectorAll('li.card').length === 1);
  check(await expired.locator('.expired-badge').isVisible(), 'an expired certificate carries the Expired badge');
  // A refused action is disabled, and the server's reason is on the page, not only in a tooltip.
  check(await expired.getByRole('button', { name: 'Revoke…' }).isDisabled(), 'revoke disabled for an expired certificate');
  const why = await expired.locator('.why').textContent();
  check(await expired.locator('.why').isVisible() && why.includes('Revoke: This certificate expired on'),
    `the reason revoking is refused is shown, got ${why}`);
  check(await expired.getByRole('button', { name: 'Delete' }).isEnabled(), 'an expired certificate can be deleted');
  await shot(page, 'search-expired');
  await search.fill('');
  await search.press('Enter');
  await card.waitFor();
  await page.waitForFunction(() => document.querySelectorAll('li.card').length > 1);


  await card.getByRole('button', { name: 'Revoke…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Revoke certificate' });
  await dialog.waitFor();
  const reasons = await dialog.getByLabel('Reason (RFC 5280)').locator('option').evaluateAll((o) => o.map((x) => x.value).filter(Boolean));
  check(JSON.stringify(reasons.sort()) === JSON.stringify(['affiliationChanged', 'cessationOfOperation', 'keyCompromise', 'superseded', 'unspecified']),
    `exactly the five reasons, got ${reasons}`);
  await dialog.getByLabel('Reason (RFC 5280)').selectOption('keyCompromise');
  // The service's dry run of this very application, before anything is written.
  const preview = dialog.locator('#revoke-preview');
  await preview.getByText('must confirm by e-mail before the CA is asked').waitFor();
  const previewText = await preview.textContent();
  check(/The applicant \(.+@.+\) must confirm/.test(previewText) && previewText.includes('Refund outlook: eligible')
    && previewText.includes('The CA may take up to 5 business days') && previewText.includes('cannot be downloaded'),
  `the dry run's outcome, refund outlook, SLA and download lock, got ${previewText}`);
  check(await dialog.getByRole('button', { name: 'Revoke' }).isEnabled(), 'revoke enabled once the dry run accepts it');
  await shot(page, 'revoke-dialog');
  await dialog.getByRole('button', { name: 'Revoke' }).click();
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
  await message.getByRole('link', { name: 'Review and confirm the revocation' }).click();
  await page.waitForURL(/\/revocations\/confirm\?token=/);
  await page.getByRole('heading', { name: `Confirm the revocation of ${NAME}` }).waitFor();
  await shot(page, 'confirmation-page');
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
  check(evidence.includes('keyCompromise') && evidence.includes('evidence: Pebble https://127.0.0.1:')
    && evidence.includes('/cert-status-by-serial/'), `the CA's evidence on the timeline, got ${evidence}`);
  await shot(page, 'revoked');
  page.once('dialog', (d) => d.accept());
  await card.getByRole('button', { name: 'Delete' }).click();
  await card.waitFor({ state: 'detached' });
  await page.getByRole('alert').filter({ hasText: `${NAME} was deleted` }).waitFor();
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
  await bulk.getByRole('button', { name: 'Revoke 2' }).click();
  await page.getByRole('alert').filter({ hasText: 'Bulk revocation' }).waitFor();
  await valid.locator('.status', { hasText: 'Revoked' }).waitFor({ timeout: 60_000 });
  await page.locator('#batch-items').getByText('legacy.acme.example: needs the applicant').waitFor();
  await shot(page, 'bulk-submitted');

  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto(url);
  await card.page().locator('li.card').first().waitFor();
  const overflow = await page.evaluate(() => document.scrollingElement.scrollWidth - window.innerWidth);
  check(overflow <= 0, `no horizontal scrolling at 375 px (overflows by ${overflow}px)`);
  await shot(page, 'narrow-375px');
  console.log(`console journey passed; ${step} screenshots in ${shots}`);
} finally {
  await browser.close();
}
