import type { InterviewEmailFacts } from '@portal/shared/email';
import { safeHttpUrl } from '@portal/shared/safe-url';
import { textDirection } from '@portal/shared/i18n/locales';
import { escapeHtml } from './html';
import type { Words } from './words';

export interface EmailLink {
  label: string;
  url: string;
}

/**
 * What a template says, as plain text. The layout is the one place that escapes it for HTML,
 * so no template can forget to escape a name, position or reason.
 */
export interface EmailContent {
  subject: string;
  paragraphs: string[];
  details?: [label: string, value: string][];
  action?: EmailLink;
  links?: EmailLink[];
  closing?: string[];
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

function oneLine(value: string): string {
  return value.replace(/[\r\n]+/g, ' ').trim();
}

function safeLinks(content: EmailContent): { action?: EmailLink; links: EmailLink[] } {
  const keep = (link: EmailLink | undefined) => {
    const url = safeHttpUrl(link?.url);
    return link && url ? { label: link.label, url } : undefined;
  };
  const action = keep(content.action);
  const links = (content.links ?? []).map(keep).filter((link): link is EmailLink => link !== undefined);
  return action ? { action, links } : { links };
}

/** The person the email is addressed to: an interviewer or HR when named, else the candidate. */
const greeted = (facts: InterviewEmailFacts) => facts.recipient?.name ?? facts.candidateName;

/** A team's colour, only as the #rrggbb its input allows; anything else stored reads as none. */
const COLOUR = /^#[0-9a-fA-F]{6}$/;

/**
 * The hiring team at the top of the email (docs/adr/0076): its logo when it has a safe one, its
 * name, and its colour as the band above; nothing when the email names no team.
 */
function teamHeader(team: Words['team']): string {
  if (!team) return '';
  const colour = team.branding?.colour && COLOUR.test(team.branding.colour) ? team.branding.colour : '#0b57d0';
  const logo = safeHttpUrl(team.branding?.logoUrl);
  const image = logo ? `<img src="${escapeHtml(logo)}" alt="" height="32" style="height:32px;vertical-align:middle;margin-inline-end:8px">` : '';
  return `<div style="border-top:4px solid ${colour};margin:-24px -24px 16px;padding:16px 24px 0;border-radius:8px 8px 0 0">${image}<strong style="font-size:18px;vertical-align:middle">${escapeHtml(team.name)}</strong></div>\n`;
}

function renderText(content: EmailContent, facts: InterviewEmailFacts, links: ReturnType<typeof safeLinks>, { t, team }: Words): string {
  const lines = [...(team ? [team.name, ''] : []), t('email.greeting', { name: greeted(facts) }), '', ...content.paragraphs.flatMap((p) => [p, ''])];
  if (content.details?.length) lines.push(...content.details.map(([label, value]) => `${label}: ${value}`), '');
  if (links.action) lines.push(`${links.action.label}: ${links.action.url}`, '');
  if (links.links.length) lines.push(...links.links.map((l) => `${l.label}: ${l.url}`), '');
  if (content.closing?.length) lines.push(...content.closing.flatMap((p) => [p, '']));
  lines.push(t('email.questions', { email: facts.hrEmail }));
  return lines.join('\n');
}

function renderHtml(content: EmailContent, facts: InterviewEmailFacts, links: ReturnType<typeof safeLinks>, { t, locale, team }: Words): string {
  const p = (text: string) => `<p style="margin:0 0 16px">${escapeHtml(text)}</p>`;
  const a = (l: EmailLink) => `<a href="${escapeHtml(l.url)}" style="color:#0b57d0">${escapeHtml(l.label)}</a>`;
  const details = content.details?.length
    ? `<table role="presentation" style="margin:0 0 16px;border-collapse:collapse">${content.details
        .map(([label, value]) => `<tr><td style="padding:2px 12px 2px 0;color:#555">${escapeHtml(label)}</td><td style="padding:2px 0"><strong>${escapeHtml(value)}</strong></td></tr>`)
        .join('')}</table>`
    : '';
  const action = links.action
    ? `<p style="margin:0 0 16px"><a href="${escapeHtml(links.action.url)}" style="display:inline-block;background:#0b57d0;color:#fff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:600">${escapeHtml(links.action.label)}</a></p>`
    : '';
  const more = links.links.map((l) => `<p style="margin:0 0 8px">${a(l)}</p>`).join('');
  const hr = `<a href="mailto:${escapeHtml(facts.hrEmail)}" style="color:#0b57d0">${escapeHtml(facts.hrEmail)}</a>`;
  // The address goes in as a link: the sentence is escaped around a marker that cannot occur in an address.
  const questions = escapeHtml(t('email.questions', { email: '\u0000' })).replace('\u0000', hr);
  const dir = textDirection(locale);
  return `<!doctype html><html lang="${locale}" dir="${dir}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(content.subject)}</title></head>
<body dir="${dir}" style="margin:0;padding:24px 16px;background:#f5f5f7;font:16px/1.5 -apple-system,Segoe UI,Roboto,sans-serif;color:#1d1d1f">
<div style="max-width:560px;margin:0 auto;background:#fff;border-radius:8px;padding:24px">
${teamHeader(team)}${p(t('email.greeting', { name: greeted(facts) }))}${content.paragraphs.map(p).join('')}${details}${action}${more}${(content.closing ?? []).map(p).join('')}
<p style="margin:24px 0 0;color:#555;font-size:14px">${questions}</p>
</div></body></html>`;
}

export function renderLayout(content: EmailContent, facts: InterviewEmailFacts, words: Words): RenderedEmail {
  const links = safeLinks(content);
  return {
    subject: oneLine(content.subject),
    html: renderHtml(content, facts, links, words),
    text: renderText(content, facts, links, words),
  };
}
