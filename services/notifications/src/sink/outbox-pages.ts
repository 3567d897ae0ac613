import express, { type Router } from 'express';
import { escapeHtml } from '../templates/html';
import type { SinkMessage, SinkStore } from './store';
import type { SinkSms, SmsStore } from './sms-store';

const STYLE = `body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;max-width:960px;padding:16px;color:#1d1d1f}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:6px 8px;border-bottom:1px solid #ddd;vertical-align:top}
a{color:#0b57d0}iframe{width:100%;height:70vh;border:1px solid #ccc;border-radius:6px;background:#fff}
pre{white-space:pre-wrap;background:#f5f5f7;padding:12px;border-radius:6px}.muted{color:#666}dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 12px}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

function textsSection(texts: SinkSms[]): string {
  const rows = texts
    .map(
      (m) => `<tr><td>${escapeHtml(m.to)}</td><td><pre>${escapeHtml(m.body)}</pre></td><td>${escapeHtml(m.status)}</td>
<td><time datetime="${m.date_created}">${m.date_created}</time></td></tr>`,
    )
    .join('');
  const table = texts.length
    ? `<table><thead><tr><th>To</th><th>Text</th><th>Status</th><th>Created (UTC)</th></tr></thead><tbody>${rows}</tbody></table>`
    : '<p class="muted">No text messages yet.</p>';
  return `<h2>Text messages</h2><p class="muted">${texts.length} text(s), newest first; as JSON at <a href="/sms">/sms</a>.</p>${table}`;
}

function outbox(messages: SinkMessage[], texts: SinkSms[]): string {
  const rows = messages
    .map(
      (m) => `<tr><td><a href="/messages/${encodeURIComponent(m.MessageID)}">${escapeHtml(m.Subject || '(no subject)')}</a></td>
<td>${escapeHtml(m.To)}</td><td>${escapeHtml(m.Tag ?? '')}</td><td><time datetime="${m.SubmittedAt}">${m.SubmittedAt}</time></td></tr>`,
    )
    .join('');
  const table = messages.length
    ? `<table><thead><tr><th>Subject</th><th>To</th><th>Tag</th><th>Submitted (UTC)</th></tr></thead><tbody>${rows}</tbody></table>`
    : '<p class="muted">No messages yet.</p>';
  return page('Outbox', `<h1>Outbox</h1><p class="muted">${messages.length} message(s), newest first.</p>${table}${textsSection(texts)}`);
}

/**
 * The email's HTML is untrusted: it goes into a sandboxed srcdoc iframe (no scripts, no same-origin), and a
 * <base target=_blank> plus allow-popups keeps its links clickable without navigating the outbox itself.
 */
function messagePage(m: SinkMessage): string {
  const html = m.HtmlBody ? `<base target="_blank">${m.HtmlBody}` : undefined;
  const attachments = m.Attachments.map(
    (a, i) =>
      `<li><a href="/messages/${encodeURIComponent(m.MessageID)}/attachments/${i}">${escapeHtml(a.Name)}</a> <span class="muted">${escapeHtml(a.ContentType)}</span></li>`,
  ).join('');
  const metadata = Object.entries(m.Metadata)
    .map(([k, v]) => `${escapeHtml(k)}=${escapeHtml(v)}`)
    .join(', ');
  return page(
    m.Subject,
    `<p><a href="/">← Outbox</a></p><h1>${escapeHtml(m.Subject || '(no subject)')}</h1>
<dl><dt>From</dt><dd>${escapeHtml(m.From)}</dd><dt>To</dt><dd>${escapeHtml(m.To)}</dd>
<dt>Submitted</dt><dd>${m.SubmittedAt}</dd><dt>Tag</dt><dd>${escapeHtml(m.Tag ?? '')}</dd>
<dt>Metadata</dt><dd>${metadata}</dd><dt>MessageID</dt><dd>${escapeHtml(m.MessageID)}</dd></dl>
${attachments ? `<h2>Attachments</h2><ul>${attachments}</ul>` : ''}
${html ? `<h2>HTML</h2><iframe title="Email HTML body" sandbox="allow-popups allow-popups-to-escape-sandbox" srcdoc="${escapeHtml(html)}"></iframe>` : ''}
${m.TextBody !== undefined ? `<h2>Text</h2><pre>${escapeHtml(m.TextBody)}</pre>` : ''}`,
  );
}

export function outboxPages(store: SinkStore, sms: SmsStore): Router {
  const router = express.Router();
  router.get('/', (_req, res) => {
    res.type('html').send(outbox(store.list(), sms.list()));
  });
  router.get('/messages/:id', (req, res) => {
    const message = store.get(req.params.id);
    if (!message) {
      res.status(404).type('html').send(page('Not found', '<p>No such message. <a href="/">Outbox</a></p>'));
      return;
    }
    res.type('html').send(messagePage(message));
  });
  router.get('/messages/:id/attachments/:index', (req, res) => {
    const attachment = store.get(req.params.id)?.Attachments[Number(req.params.index)];
    if (!attachment) {
      res.status(404).send('No such attachment');
      return;
    }
    res.type(attachment.ContentType).attachment(attachment.Name).send(Buffer.from(attachment.Content, 'base64'));
  });
  return router;
}
