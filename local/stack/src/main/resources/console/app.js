// The local console: a customer's view of their certificates, driven by the real HTTP API with a
// demo account's token, plus a dev inbox of the mail SES accepted. No framework, no build step.
// It knows no business rule: which actions a certificate allows (and why not), the CA's SLA, the
// reasons and what a revocation would do all come from the API's answers.

const STATUS_TEXT = {
  ISSUED: 'Issued', UPLOADED: 'Uploaded', AWAITING_CONFIRMATION: 'Awaiting confirmation',
  REVOKING: 'Revoking', REVOKED: 'Revoked', REVOCATION_FAILED: 'Revocation failed',
};
const EVENT_TEXT = {
  CERTIFICATE_ADDED: 'Added to the account', REVOCATION_REQUESTED: 'Revocation requested',
  CONFIRMATION_SENT: 'Confirmation e-mail sent', REVOCATION_CONFIRMED: 'Confirmed by the applicant',
  REVOCATION_LAPSED: 'Revocation not carried out', SUBMITTED_TO_CA: 'Handed to the CA',
  REVOCATION_OVERDUE: 'CA past its service level', CA_STATUS_UNKNOWN: 'CA status could not be read (an operator follows up)',
  REVOKED: 'Revoked by the CA',
  REVOCATION_FAILED: 'Revocation failed', REFUND_SETTLED: 'Refund settled', CERTIFICATE_DELETED: 'Deleted',
};

const $ = (selector, root = document) => root.querySelector(selector);
const state = {
  token: null, nextToken: null, listed: null, cards: new Map(), revoking: null, returnFocus: null, selected: new Set(), batch: null,
  /** The list page's revocationTerms: the CA's SLA in business days and the reasons, with labels. */
  terms: null,
  /** Counts the listings started anew (filters, search, page size), so that only the latest one is drawn. */
  listing: 0,
};
const ACTION_TEXT = { revoke: 'Revoke', cancel: 'Cancel revocation', download: 'Download', delete: 'Delete' };
/** What a dry run says an item would do. */
const PREVIEW_TEXT = { ACCEPTED: 'goes straight to the CA', CONFIRMATION_NEEDED: "needs the applicant's e-mail confirmation", REFUSED: 'refused' };
const OUTCOME_TEXT = {
  QUEUED: 'queued', REFUSED: 'refused', CONFIRMATION_NEEDED: "needs the applicant's e-mail confirmation",
  ACCEPTED: 'with the CA', REVOKED: 'revoked', FAILED: 'failed', LAPSED: 'not carried out',
};

/** Calls the API as the signed-in account; refusals become errors carrying the API's code and message. */
async function api(path, options = {}) {
  const response = await fetch(path, {
    ...options,
    headers: { Authorization: `Bearer ${state.token}`, ...(options.headers || {}) },
  });
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  const body = type.includes('json') ? await response.json() : await response.text();
  if (!response.ok) {
    const error = new Error(body?.error?.message || body?.message || `HTTP ${response.status}`);
    error.code = body?.error?.code || String(response.status);
    throw error;
  }
  return body;
}

/** A refusal interrupts (role="alert"); a success is a polite status message (role="status"). */
function showAlert(message, kind = 'error') {
  const [shown, other] = kind === 'error' ? [$('#alert'), $('#notice')] : [$('#notice'), $('#alert')];
  other.hidden = true;
  setText(shown, message);
  shown.hidden = false;
}

function clearAlert() {
  $('#alert').hidden = true;
  $('#notice').hidden = true;
}

/** Writes text only when it changed, so that live regions announce changes, not every poll. */
function setText(element, text) {
  if (element.textContent !== text) element.textContent = text;
}

/** Focus where the action left the user: the card's heading (it takes focus, not the tab order). */
function focusCard(li) {
  $('.name', li).focus();
}

function refusal(error) {
  showAlert(`${error.message} (${error.code})`);
}

const when = (iso) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const day = (isoDate) => new Date(`${isoDate}T12:00:00Z`).toLocaleDateString(undefined,
  { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

// --- accounts ---------------------------------------------------------------------------------

async function signIn(account) {
  const response = await fetch(`/local/token?sub=${encodeURIComponent(account.subject)}&email=${encodeURIComponent(account.email)}`);
  state.token = (await response.json()).token;
  sessionStorage.setItem('account', account.subject);
}

async function loadAccounts() {
  const { items } = await (await fetch('/local/accounts')).json();
  const select = $('#account');
  select.replaceChildren(...items.map((a) => new Option(`${a.name} (${a.subject})`, a.subject)));
  const chosen = items.find((a) => a.subject === sessionStorage.getItem('account')) || items[0];
  select.value = chosen.subject;
  await signIn(chosen);
  select.addEventListener('change', async () => {
    await signIn(items.find((a) => a.subject === select.value));
    state.batch = null;
    $('#batch-status').hidden = true;
    await loadList(true);
  });
}

// --- certificate list -------------------------------------------------------------------------

/** The list's query as the filters stand. */
function filterParams() {
  const params = new URLSearchParams();
  for (const name of ['status', 'type', 'q', 'limit']) {
    const value = $(`#filter-${name}`).value;
    if (value) params.set(name, value);
  }
  return params;
}

async function loadList(reset) {
  clearAlert();
  const params = filterParams();
  if (reset) {
    state.listed = params.toString();
    state.listing += 1;
  }
  const listing = state.listing;
  if (!reset && state.nextToken) params.set('nextToken', state.nextToken);
  try {
    const page = await api(`/certificates?${params}`);
    // A listing started after this one (another search, filter or page size) may have been answered
    // first: this older answer must not replace it, nor add its page to it.
    if (listing !== state.listing) return;
    useTerms(page.revocationTerms);
    const list = $('#certificate-list');
    if (reset) {
      list.replaceChildren();
      state.cards.clear();
      [...state.selected].forEach((id) => select(id, false));
    }
    const added = page.items.map((certificate) => card(certificate));
    list.append(...added);
    if (reset && page.items.length === 0) {
      list.append(Object.assign(document.createElement('li'), { className: 'muted', textContent: 'No certificates match.' }));
    }
    state.nextToken = page.nextToken || null;
    const moreHadFocus = document.activeElement === $('#more');
    $('#more').hidden = !state.nextToken;
    // The last "Show more" disappears under the keyboard: the first card it brought takes focus.
    if (moreHadFocus && !state.nextToken && added.length) focusCard(added[0]);
  } catch (error) {
    if (listing !== state.listing) return;
    // Not listed after all: the same query again (Enter) retries it.
    if (reset) state.listed = null;
    refusal(error);
  }
}

/** The reasons the server allows, as the options of both revoke dialogs. */
function useTerms(terms) {
  if (state.terms) return;
  state.terms = terms;
  for (const select of [$('#revoke-reason'), $('#bulk-reason')]) {
    select.replaceChildren(new Option('Choose a reason…', ''),
      ...terms.reasons.map((r) => new Option(`${r.label} (${r.name})`, r.name)));
  }
}

/** A reason's short label ("Key compromise") from the server's terms; the RFC name if unknown. */
const reasonText = (name) => state.terms?.reasons.find((r) => r.name === name)?.label.split(':')[0] || name;
/** An internal code (CANCELLED_BY_CUSTOMER) as words. */
const words = (code) => code.toLowerCase().replaceAll('_', ' ');
const DAY_MS = 86_400_000;
/** "in 394 days" or "23 days ago", from now. */
function countdown(iso) {
  const days = Math.round((new Date(iso) - Date.now()) / DAY_MS);
  if (days === 0) return 'today';
  return days > 0 ? `in ${days} day${days === 1 ? '' : 's'}` : `${-days} day${days === -1 ? '' : 's'} ago`;
}

const sla = () => `${state.terms.caSlaBusinessDays} business day${state.terms.caSlaBusinessDays === 1 ? '' : 's'}`;

function card(certificate) {
  const li = $('#card-template').content.firstElementChild.cloneNode(true);
  li.dataset.id = certificate.id;
  li.setAttribute('aria-labelledby', `name-${certificate.id}`);
  $('.name', li).id = `name-${certificate.id}`;
  $('.name', li).tabIndex = -1;
  // Seven "Delete" buttons read alike in a screen reader's list of buttons: each names its certificate.
  for (const button of li.querySelectorAll('.actions button')) {
    button.append(Object.assign(document.createElement('span'), { className: 'visually-hidden', textContent: ` ${certificate.commonName}` }));
  }
  $('.revoke', li).addEventListener('click', (event) => openRevoke(li.certificate, event.currentTarget));
  $('.cancel', li).addEventListener('click', () => cancelRevocation(li));
  $('.download', li).addEventListener('click', () => download(li.certificate));
  $('.delete', li).addEventListener('click', () => remove(li));
  $('.timeline-toggle', li).addEventListener('click', () => toggleTimeline(li));
  $('.select', li).addEventListener('change', (event) => select(li.dataset.id, event.currentTarget.checked));
  state.cards.set(certificate.id, li);
  render(li, certificate);
  return li;
}

function render(li, c) {
  li.certificate = c;
  li.dataset.status = c.status;
  setText($('.name', li), c.commonName);
  const badge = $('.status', li);
  setText(badge, STATUS_TEXT[c.status] || c.status);
  badge.className = `badge status ${c.status}`;
  $('.expired-badge', li).hidden = !c.expired;
  setText($('.meta', li), `${c.type} · ${c.origin === 'UPLOADED' ? 'uploaded' : 'bought here'} · `
    + `${c.expired ? 'expired' : 'valid until'} ${when(c.notAfter)} (${countdown(c.notAfter)})`);
  const others = c.subjectAlternativeNames.filter((name) => name !== c.commonName);
  setText($('.sans', li), others.length ? `Also covers ${others.join(', ')}` : '');
  setText($('.x509', li), `Serial ${c.serialNumber} · issuer ${c.issuer} · SHA-256 ${c.sha256Fingerprint}`);

  const refund = $('.refund', li);
  let text = '';
  let atRisk = false;
  const claim = c.revocation?.refund;
  if (claim && claim.status !== 'PENDING') {
    text = claim.status === 'REFUNDED' ? `Refunded (reference ${claim.reference}).`
      : `No refund: ${words(claim.denial)}.`;
  } else if (c.refundWindow && c.status !== 'REVOKED') {
    const w = c.refundWindow;
    text = `Refund window open through ${day(w.lastDay)}. `;
    if (w.outlookIfAppliedNow === 'AT_RISK') {
      atRisk = true;
      text += `The CA may take ${sla()}, more than are left, so a refund is at risk`
        + (w.latestSafeApplyDate ? ` (the latest safe date to apply was ${day(w.latestSafeApplyDate)}).` : '.');
    } else if (w.latestSafeApplyDate) {
      text += `Latest safe date to apply: ${day(w.latestSafeApplyDate)}.`;
    }
  } else if (claim) {
    text = 'Refund decision pending.';
  } else {
    text = c.refundWindowClosed ? 'Refund window closed.' : '';
  }

  setText(refund, text);
  refund.classList.toggle('at-risk', atRisk);
  setText($('.progress', li), progress(c));
  renderActions(li, c);
  if (!$('.timeline', li).hidden) loadTimeline(li);
}

/**
 * Each action as the server allows it. A refused one stays visible but disabled, and the server's
 * reason is shown next to the buttons (and tied to the button as its description); cancel is shown
 * only where it is allowed, as there is rarely anything to cancel.
 */
function renderActions(li, c) {
  const reasons = [];
  for (const [name, action] of Object.entries(c.actions)) {
    const button = $(`.${name}`, li);
    button.disabled = !action.allowed;
    if (name === 'cancel') button.hidden = !action.allowed;
    if (action.allowed) {
      button.removeAttribute('aria-describedby');
    } else if (name !== 'cancel') {
      button.setAttribute('aria-describedby', `why-${c.id}`);
      reasons.push(`${ACTION_TEXT[name]}: ${action.error.message}`);
    }
  }
  const why = $('.why', li);
  why.id = `why-${c.id}`;
  setText(why, reasons.join(' '));
  why.hidden = reasons.length === 0;
  const pick = $('.select', li);
  pick.closest('label').hidden = !c.actions.revoke.allowed;
  pick.setAttribute('aria-label', `Select ${c.commonName}`);
  if (!c.actions.revoke.allowed) select(c.id, false);
  pick.checked = state.selected.has(c.id);
}

function progress(c) {
  const r = c.revocation;
  if (!r) return '';
  switch (c.status) {
    case 'AWAITING_CONFIRMATION':
      return r.confirmationSentAt ? `Waiting for the applicant to confirm the e-mail sent ${when(r.confirmationSentAt)}.`
        : 'Sending the confirmation e-mail…';
    case 'REVOKING':
      return r.submittedToCaAt ? `With the CA since ${when(r.submittedToCaAt)} (it may take ${sla()}).`
        : 'Handing the revocation to the CA…';
    case 'REVOKED':
      return r.caEvidence
        ? `Revoked ${when(r.revokedAt)} (${reasonText(r.caEvidence.reason)}), as the CA's status says (${r.caEvidence.source}). The download stays locked.`
        : `Revoked ${when(r.revokedAt)} (${reasonText(r.reason)}). The download stays locked.`;
    case 'REVOCATION_FAILED':
      return `${r.failureReason}${c.actions.revoke.allowed ? ' You may apply again.' : ''}`;
    default:
      return r.lapseCause ? `The last revocation (${reasonText(r.reason)}) was not carried out: ${words(r.lapseCause)}.` : '';
  }
}

async function refresh(li) {
  try {
    render(li, await api(`/certificates/${li.dataset.id}`));
  } catch (error) {
    if (error.code === 'CERTIFICATE_NOT_FOUND') {
      state.cards.delete(li.dataset.id);
      li.remove();
    } else {
      refusal(error);
    }
  }
}

// --- timeline ---------------------------------------------------------------------------------

async function toggleTimeline(li) {
  const timeline = $('.timeline', li);
  const button = $('.timeline-toggle', li);
  timeline.hidden = !timeline.hidden;
  button.setAttribute('aria-expanded', String(!timeline.hidden));
  if (!timeline.hidden) await loadTimeline(li);
}

async function loadTimeline(li) {
  try {
    const { items } = await api(`/certificates/${li.dataset.id}/events`);
    const timeline = $('.timeline', li);
    if (timeline.dataset.seen === String(items.length)) return;
    timeline.dataset.seen = String(items.length);
    timeline.replaceChildren(...items.map((e) => {
      const item = document.createElement('li');
      const detail = e.type === 'REVOKED' && e.details.evidence
        ? `${reasonText(e.details.caReason)}; evidence: ${e.details.evidence}, checked ${when(e.details.checkedAt)}`
        : (e.details.reason && reasonText(e.details.reason)) || (e.details.cause && words(e.details.cause))
          || (e.details.refund && words(e.details.refund)) || e.details.why || '';
      item.textContent = `${when(e.at)}: ${EVENT_TEXT[e.type] || e.type}${detail ? ` (${detail})` : ''}, by ${e.actor.id}`;
      return item;
    }));
  } catch (error) {
    refusal(error);
  }
}

// --- revoke, cancel, download, delete ---------------------------------------------------------

function openRevoke(certificate, opener) {
  state.revoking = certificate;
  state.returnFocus = opener;
  $('#revoke-name').textContent = `${certificate.commonName} (${certificate.type})`;
  // The view's refund window, or that it has closed, until the dry run for the chosen reason says more.
  const w = certificate.refundWindow;
  $('#revoke-outlook').textContent = w ? `Refund outlook if you apply now: ${OUTLOOK_TEXT[w.outlookIfAppliedNow]}.`
    : certificate.refundWindowClosed ? 'Refund window closed.' : '';
  $('#revoke-reason').value = '';
  $('#revoke-preview').replaceChildren();
  $('#revoke-submit').disabled = true;
  $('#revoke-dialog').showModal();
  $('#revoke-reason').focus();
}

const OUTLOOK_TEXT = {
  ELIGIBLE: 'eligible, if the CA completes within the window', AT_RISK: 'at risk: fewer business days are left than the CA may take',
  NOT_ELIGIBLE: 'not eligible: the refund window has ended',
};

/** The service's own dry run of this application: what would happen, changing nothing. */
async function previewRevoke() {
  const reason = $('#revoke-reason').value;
  $('#revoke-submit').disabled = true;
  $('#revoke-preview').replaceChildren();
  if (!reason) return;
  const certificate = state.revoking;
  try {
    const p = await api(`/certificates/${certificate.id}/revocation?dryRun=true`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ reason }),
    });
    if (state.revoking !== certificate || $('#revoke-reason').value !== reason) return;
    const lines = [];
    if (p.outcome === 'REFUSED') {
      lines.push(`The service would refuse it: ${p.error.message} (${p.error.code})`);
    } else {
      lines.push(p.confirmationRequired
        ? `The applicant (${p.confirmationTo}) must confirm by e-mail before the CA is asked.`
        : 'It goes straight to the CA. Once revoked, browsers stop trusting it; this cannot be undone.');
      lines.push(`The CA may take up to ${p.caSlaBusinessDays} business days.`);
      lines.push(`Refund outlook: ${OUTLOOK_TEXT[p.refundOutlook]}`
        + (p.latestSafeApplyDate ? ` (latest safe date to apply: ${day(p.latestSafeApplyDate)}).` : '.'));
      if (p.locksDownload) lines.push('From now on the certificate cannot be downloaded.');
    }
    $('#revoke-preview').className = `outlook ${p.outcome === 'REFUSED' ? 'REFUSED' : p.refundOutlook}`;
    $('#revoke-preview').replaceChildren(...lines.map((text) => Object.assign(document.createElement('p'), { textContent: text })));
    $('#revoke-submit').disabled = p.outcome === 'REFUSED';
  } catch (error) {
    closeRevoke();
    refusal(error);
  }
}

async function submitRevoke(event) {
  event.preventDefault();
  const reason = $('#revoke-reason').value;
  if (!reason) {
    $('#revoke-reason').focus();
    return;
  }
  const certificate = state.revoking;
  $('#revoke-submit').disabled = true;
  try {
    const result = await api(`/certificates/${certificate.id}/revocation`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
      body: JSON.stringify({ reason }),
    });
    $('#revoke-dialog').close();
    const li = state.cards.get(certificate.id);
    render(li, result.certificate);
    // The Revoke… button that opened the dialog is disabled now: the card itself takes focus.
    focusCard(li);
    showAlert(`Revocation of ${certificate.commonName} submitted: ${STATUS_TEXT[result.status]}.`
      + (result.warning ? ` ${result.warning.message}` : ''), 'info');
    if ($('.timeline', li).hidden) await toggleTimeline(li);
  } catch (error) {
    closeRevoke();
    refusal(error);
  } finally {
    $('#revoke-submit').disabled = false;
  }
}

function closeRevoke() {
  $('#revoke-dialog').close();
  state.returnFocus?.focus();
}

async function cancelRevocation(li) {
  try {
    render(li, await api(`/certificates/${li.dataset.id}/revocation`, { method: 'DELETE' }));
    showAlert(`The revocation of ${li.certificate.commonName} was cancelled.`, 'info');
    focusCard(li);
  } catch (error) {
    refusal(error);
  }
}

async function download(certificate) {
  try {
    const response = await fetch(`/certificates/${certificate.id}/download`, { headers: { Authorization: `Bearer ${state.token}` } });
    if (!response.ok) throw Object.assign(new Error((await response.json()).error.message), { code: String(response.status) });
    const link = Object.assign(document.createElement('a'), {
      href: URL.createObjectURL(await response.blob()), download: `${certificate.commonName}.pem`,
    });
    link.click();
    URL.revokeObjectURL(link.href);
  } catch (error) {
    refusal(error);
  }
}

async function remove(li) {
  if (!window.confirm(`Delete ${li.certificate.commonName} from the account?`)) return;
  try {
    await api(`/certificates/${li.dataset.id}`, { method: 'DELETE' });
    showAlert(`${li.certificate.commonName} was deleted.`, 'info');
    const next = li.nextElementSibling?.matches('.card') ? li.nextElementSibling
      : li.previousElementSibling?.matches('.card') ? li.previousElementSibling : null;
    state.cards.delete(li.dataset.id);
    li.remove();
    if (next) focusCard(next); else $('#certificates-title').focus();
  } catch (error) {
    refusal(error);
  }
}


// --- bulk revocation --------------------------------------------------------------------------

function select(id, chosen) {
  if (chosen) state.selected.add(id); else state.selected.delete(id);
  const n = state.selected.size;
  $('#bulk-revoke').disabled = n === 0;
  $('#bulk-revoke').textContent = n ? `Revoke ${n} selected…` : 'Revoke selected…';
  $('#bulk-count').textContent = n ? '' : 'Select certificates to revoke several at once.';
}

const nameOf = (id) => state.cards.get(id)?.certificate.commonName || id;

function bulkBody() {
  return JSON.stringify({ reason: $('#bulk-reason').value, certificateIds: [...state.selected] });
}

function openBulk(opener) {
  state.returnFocus = opener;
  // One key per dialog: a retried submit (a lost answer) names the same batch.
  state.bulkKey = crypto.randomUUID();
  $('#bulk-reason').value = '';
  $('#bulk-preview').replaceChildren();
  $('#bulk-submit').disabled = true;
  $('#bulk-dialog').showModal();
  $('#bulk-reason').focus();
}

/** The service's own dry run: each item's outcome, refusal and refund outlook, as it would apply them now. */
async function previewBulk() {
  $('#bulk-submit').disabled = true;
  if (!$('#bulk-reason').value) return;
  try {
    const preview = await api('/revocations?dryRun=true', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: bulkBody(),
    });
    $('#bulk-preview').replaceChildren(...preview.items.map((item) => {
      const li = document.createElement('li');
      li.textContent = `${nameOf(item.certificateId)}: ${PREVIEW_TEXT[item.outcome]}`
        + (item.error ? ` (${item.error.message})` : '')
        + (item.refundOutlook ? `; refund outlook ${item.refundOutlook.toLowerCase().replaceAll('_', ' ')}` : '');
      return li;
    }));
    const applicable = preview.items.length - preview.totals.REFUSED;
    $('#bulk-submit').textContent = `Revoke ${applicable}`;
    $('#bulk-submit').disabled = applicable === 0;
  } catch (error) {
    closeBulk();
    refusal(error);
  }
}

async function submitBulk(event) {
  event.preventDefault();
  $('#bulk-submit').disabled = true;
  try {
    const batch = await api('/revocations', {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': state.bulkKey }, body: bulkBody(),
    });
    closeBulk();
    [...state.selected].forEach((id) => select(id, false));
    state.batch = batch.batchId;
    showAlert(`Bulk revocation ${batch.batchId} submitted for ${batch.requested} certificates.`, 'info');
    await followBatch();
  } catch (error) {
    closeBulk();
    refusal(error);
  }
}

function closeBulk() {
  $('#bulk-dialog').close();
  state.returnFocus?.focus();
}

/** The batch's report, item by item, and the cards of its certificates brought up to date. */
async function followBatch() {
  if (!state.batch) return;
  const report = await api(`/revocations/${state.batch}`);
  $('#batch-status').hidden = false;
  setText($('#batch-id'), report.batchId);
  setText($('#batch-totals'), Object.entries(report.totals).filter(([, n]) => n > 0)
    .map(([outcome, n]) => `${n} ${OUTCOME_TEXT[outcome]}`).join(', '));
  const lines = report.items.map((item) => `${nameOf(item.certificateId)}: ${OUTCOME_TEXT[item.outcome]}${item.error ? ` (${item.error.message})` : ''}`);
  if ($('#batch-items').dataset.seen !== JSON.stringify(lines)) {
    $('#batch-items').dataset.seen = JSON.stringify(lines);
    $('#batch-items').replaceChildren(...lines.map((text) => Object.assign(document.createElement('li'), { textContent: text })));
  }
  // A card whose certificate moved on since it was drawn is drawn again.
  await Promise.all(report.items.filter((i) => i.status && state.cards.get(i.certificateId)?.dataset.status !== i.status)
    .map((i) => refresh(state.cards.get(i.certificateId))));
}

// --- dev inbox --------------------------------------------------------------------------------

async function loadInbox() {
  const { items } = await (await fetch('/local/mail')).json();
  setText($('#inbox-count'), items.length ? String(items.length) : '');
  const list = $('#mail-list');
  const seen = items.map((mail) => mail.id).join(' ');
  if (list.dataset.seen === seen) return;
  list.dataset.seen = seen;
  const current = list.querySelector('[aria-current="true"]')?.dataset.id;
  list.replaceChildren(...items.map((mail) => {
    const li = document.createElement('li');
    const button = Object.assign(document.createElement('button'), { type: 'button' });
    button.dataset.id = mail.id;
    button.append(mail.subject, Object.assign(document.createElement('small'), { textContent: `to ${mail.to.join(', ')}` }));
    if (mail.id === current) button.setAttribute('aria-current', 'true');
    button.addEventListener('click', () => {
      list.querySelectorAll('[aria-current]').forEach((b) => b.removeAttribute('aria-current'));
      button.setAttribute('aria-current', 'true');
      $('#mail-view').src = `/local/mail/${encodeURIComponent(mail.id)}`;
    });
    li.append(button);
    return li;
  }));
}

// --- views and polling ------------------------------------------------------------------------

function route() {
  const inbox = location.hash === '#inbox';
  $('#certificates-view').hidden = inbox;
  $('#inbox-view').hidden = !inbox;
  for (const [link, current] of [[$('#nav-certificates'), !inbox], [$('#nav-inbox'), inbox]]) {
    if (current) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  if (inbox) loadInbox();
}

async function poll() {
  for (const li of state.cards.values()) {
    if (li.certificate.revocationInProgress) await refresh(li);
  }
  if (!$('#inbox-view').hidden || $('#inbox-count').textContent !== '') await loadInbox();
  if (state.batch) await followBatch();
}

async function start() {
  // Enter in the search box fires both change and submit, and leaving it may fire change again:
  // the list reloads once per new query, or a second load would replace the cards under the
  // keyboard (the focused one with them).
  const listIfChanged = () => {
    if (filterParams().toString() !== state.listed) loadList(true);
  };
  $('#filters').addEventListener('change', listIfChanged);
  $('#filters').addEventListener('submit', (event) => {
    event.preventDefault();
    listIfChanged();
  });
  $('#more').addEventListener('click', () => loadList(false));
  $('#revoke-form').addEventListener('submit', submitRevoke);
  $('#revoke-reason').addEventListener('change', previewRevoke);
  $('#revoke-cancel').addEventListener('click', closeRevoke);
  $('#bulk-revoke').addEventListener('click', (event) => openBulk(event.currentTarget));
  $('#bulk-reason').addEventListener('change', previewBulk);
  $('#bulk-form').addEventListener('submit', submitBulk);
  $('#bulk-cancel').addEventListener('click', closeBulk);
  $('#bulk-dialog').addEventListener('cancel', () => state.returnFocus?.focus());
  $('#revoke-dialog').addEventListener('cancel', () => state.returnFocus?.focus());
  window.addEventListener('hashchange', route);
  await loadAccounts();
  await loadList(true);
  await loadInbox();
  route();
  // Revocations run in the background: keep in-progress cards and the inbox current.
  setInterval(poll, 2000);
}

start().catch((error) => showAlert(`The console could not start: ${error.message}`));
