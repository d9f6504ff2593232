// Renders one finding (message, why, what to do instead, clauses) for the card and the dialog.

import { h } from './host.js';

/**
 * @typedef {{ja: string, en: string}} Bilingual
 * @typedef {{rule: string, category: string, severity: 'info' | 'warn' | 'block', start: number, end: number,
 *            message: Bilingual, why: Bilingual, fix: Bilingual, clauses: string[],
 *            attachment?: string, subject?: string}} Finding
 *   A finding on an attached image has `attachment` (its id), an empty span (0, 0: nothing is
 *   underlined) and `subject`, the line that names the file (「添付画像「IMG_0001.jpg」」).
 * @typedef {{sev: Record<'info' | 'warn' | 'block', string>, why: string, fix: string, clauses: string}} FindingLabels
 */

/**
 * @param {Finding} f
 * @param {'ja' | 'en'} lang
 * @param {FindingLabels} labels
 * @param {string} [quote]  the underlined characters, shown in the dialog
 * @returns {HTMLElement}
 */
export function findingView(f, lang, labels, quote) {
  const pick = (/** @type {Bilingual} */ m) => (m && (m[lang] || m.ja || m.en)) || '';
  const rows = [
    h('p', { class: 'msg' }, [h('span', { class: 'sev' }, [labels.sev[f.severity]]), ' ', pick(f.message)]),
  ];
  if (quote) rows.push(h('p', { class: 'quote' }, [`「${quote}」`]));
  if (f.subject) rows.push(h('p', { class: 'quote subject' }, [f.subject]));
  if (pick(f.why)) rows.push(h('p', { class: 'row' }, [h('b', {}, [labels.why]), ' ', pick(f.why)]));
  if (pick(f.fix)) rows.push(h('p', { class: 'row' }, [h('b', {}, [labels.fix]), ' ', pick(f.fix)]));
  if (f.clauses?.length) rows.push(h('p', { class: 'row clauses' }, [h('b', {}, [labels.clauses]), ' ', f.clauses.join('、')]));
  return h('div', { class: `finding sev-${f.severity}` }, rows);
}

export const FINDING_CSS = `
  .finding { border-left: 4px solid var(--sev); padding: 4px 0 4px 10px; margin: 0 0 10px; }
  .finding p { margin: 2px 0; }
  .msg { font-weight: 600; }
  .sev { display: inline-block; color: #fff; background: var(--sev); border-radius: 4px; padding: 0 6px; font-size: 12px; font-weight: 600; }
  .quote { color: #536471; }
  .row b { color: #536471; font-weight: 600; margin-right: 4px; }
  .clauses { font-size: 12px; }
`;
