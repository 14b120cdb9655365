import { stringify } from 'csv-stringify/sync';
import { strToU8, zipSync, type Zippable } from 'fflate';
import type { ExportTable, MemberData } from './export-collect';

/** Tables also written as CSV, for spreadsheets. */
export const CSV_TABLES = ['posts', 'messages'] as const;

export interface ExportMeta {
  siteName: string;
  username: string;
  /** When the data was gathered. */
  takenAt: Date;
  /** When the download stops working and the file is deleted. */
  expiresAt: Date;
  /** Where the member asks for a new copy. */
  settingsUrl: string;
}

const IMAGE = /\.(png|jpe?g|gif|webp)$/i;

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const jsonPath = (table: string) => `data/${table}.json`;
const csvPath = (table: string) => `data/${table}.csv`;
const href = (path: string) => escapeHtml(path.split('/').map(encodeURIComponent).join('/'));
const utcDay = (d: Date) => d.toISOString().slice(0, 10);
const utcMoment = (d: Date) => `${utcDay(d)} ${d.toISOString().slice(11, 16)} UTC`;

function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function cell(value: unknown, isFile: boolean): string {
  if (value === null || value === undefined || value === '') return '<span class="none">—</span>';
  if (isFile && typeof value === 'string' && value.startsWith('uploads/')) {
    const image = IMAGE.test(value) ? `<img src="${href(value)}" alt="">` : '';
    return `${image}<a href="${href(value)}">${escapeHtml(value)}</a>`;
  }
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'object') return `<code>${escapeHtml(JSON.stringify(value))}</code>`;
  return escapeHtml(String(value));
}

function tableSection(t: ExportTable): string {
  const columns = Object.keys(t.columns);
  const files = [`<a href="${href(jsonPath(t.name))}">${escapeHtml(`${t.name}.json`)}</a>`];
  if ((CSV_TABLES as readonly string[]).includes(t.name)) files.push(`<a href="${href(csvPath(t.name))}">${escapeHtml(`${t.name}.csv`)}</a>`);
  const count = t.rows.length === 1 ? '1 entry' : `${t.rows.length} entries`;
  let body: string;
  if (!t.rows.length) {
    body = '<p class="none">Nothing of this kind is stored about you.</p>';
  } else if (t.single && t.rows.length === 1) {
    // A record of its own (your account, your profile) reads best as a list of fields.
    const row = t.rows[0];
    body =
      '<div class="scroll"><table><thead><tr><th scope="col">Field</th><th scope="col">Value</th><th scope="col">What it is for</th></tr></thead><tbody>' +
      columns
        .map((c) => `<tr><th scope="row"><code>${escapeHtml(c)}</code></th><td>${cell(row[c], t.fileColumns.includes(c))}</td><td class="purpose">${escapeHtml(t.columns[c])}</td></tr>`)
        .join('') +
      '</tbody></table></div>';
  } else {
    body =
      `<details><summary>What each column means</summary><dl>${columns.map((c) => `<dt><code>${escapeHtml(c)}</code></dt><dd>${escapeHtml(t.columns[c])}</dd>`).join('')}</dl></details>` +
      `<div class="scroll"><table><thead><tr>${columns.map((c) => `<th scope="col" title="${escapeHtml(t.columns[c])}">${escapeHtml(c)}</th>`).join('')}</tr></thead><tbody>` +
      t.rows.map((row) => `<tr>${columns.map((c) => `<td>${cell(row[c], t.fileColumns.includes(c))}</td>`).join('')}</tr>`).join('') +
      '</tbody></table></div>';
  }
  return (
    `<section id="${escapeHtml(`t-${t.name}`)}" aria-labelledby="${escapeHtml(`h-${t.name}`)}">` +
    `<h2 id="${escapeHtml(`h-${t.name}`)}">${escapeHtml(t.purpose)}</h2>` +
    `<p class="meta">${count} · ${files.join(' · ')}</p>${body}<p class="top"><a href="#contents">Back to contents</a></p></section>`
  );
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1c1917;background:#fafaf9}
header,nav,main,footer{max-width:72rem;margin:0 auto;padding:1rem}
h1{font-size:1.6rem;margin:.5rem 0}
h2{font-size:1.25rem;margin:0 0 .25rem}
section{background:#fff;border:1px solid #e7e5e4;border-radius:.5rem;padding:1rem;margin:0 0 1rem}
a{color:#9a3412}
a:focus-visible,summary:focus-visible{outline:2px solid #9a3412;outline-offset:2px}
.meta,.purpose,.none,footer{color:#57534e;font-size:.9rem}
.scroll{overflow-x:auto;margin-top:.5rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border:1px solid #e7e5e4;padding:.35rem .5rem;text-align:left;vertical-align:top}
thead th{background:#f5f5f4}
td{white-space:pre-wrap;overflow-wrap:anywhere;min-width:6rem}
img{display:block;max-width:8rem;max-height:8rem;margin-bottom:.25rem}
code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.85em}
nav ol{columns:18rem;padding-left:1.25rem}
nav li{break-inside:avoid}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem .75rem;font-size:.9rem}
dd{margin:0}
.top{margin:.5rem 0 0;font-size:.85rem}
`;

/** index.html: everything in one page that opens offline, with a table of contents. */
export function renderIndexHtml(data: MemberData, meta: ExportMeta): string {
  const toc = data.tables
    .map((t) => `<li><a href="#${escapeHtml(`t-${t.name}`)}">${escapeHtml(t.purpose)}</a> <span class="meta">(${t.rows.length})</span></li>`)
    .join('');
  const csvLinks = CSV_TABLES.map((t) => `<a href="${href(csvPath(t))}">${t}.csv</a>`).join(' and ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`Your data from ${meta.siteName}`)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(`Your data from ${meta.siteName}`)}</h1>
<p>Everything ${escapeHtml(meta.siteName)} holds about <strong>@${escapeHtml(meta.username)}</strong>, gathered on ${escapeHtml(utcMoment(meta.takenAt))}.
Each section below is also a JSON file in the <code>data</code> folder; your posts and messages are also in ${csvLinks} for spreadsheets, and files you uploaded are in the <code>uploads</code> folder.
Times are in UTC. Other members appear only by the username of those who wrote in your conversations.</p>
</header>
<nav aria-labelledby="contents"><h2 id="contents">Contents</h2><ol>${toc}</ol></nav>
<main>
${data.tables.map(tableSection).join('\n')}
</main>
<footer><p>You can ask for a new copy at any time at <a href="${escapeHtml(meta.settingsUrl)}">${escapeHtml(meta.settingsUrl)}</a>.</p></footer>
</body>
</html>
`;
}

export function renderReadme(data: MemberData, meta: ExportMeta): string {
  return [
    `Your data from ${meta.siteName}`,
    `Exported for @${meta.username} on ${utcMoment(meta.takenAt)}.`,
    '',
    'Open index.html in a web browser to read everything; it works without an internet connection.',
    '',
    'What is in this folder:',
    '  index.html        every kind of data, as readable tables',
    '  data/*.json       one file per kind of data: what it is for ("purpose"), what each column means ("columns"), and your rows',
    '  data/posts.csv    your posts, for spreadsheets',
    '  data/messages.csv the messages in your conversations, sent and received, for spreadsheets',
    data.files.length ? '  uploads/          files you uploaded, such as your profile picture' : '  uploads/          (none: you have not uploaded any files)',
    '',
    'Times are in UTC. Other members appear only by the username of those who wrote in your conversations.',
    'In the CSV files, a cell that begins with =, +, - or @ starts with an apostrophe, so spreadsheets show it as text instead of running it.',
    '',
    `The download link stops working on ${utcMoment(meta.expiresAt)}, when the file is deleted from the site.`,
    `You can ask for a new copy at ${meta.settingsUrl}`,
    '',
  ].join('\n');
}

export function renderCsv(table: ExportTable): string {
  const columns = Object.keys(table.columns);
  return stringify(
    table.rows.map((row) => Object.fromEntries(columns.map((c) => [c, text(row[c])]))),
    { header: true, columns, bom: true, escape_formulas: true },
  );
}

/** The zip the member downloads: index.html, README.txt, data/*.json, data/*.csv and uploads/. */
export function buildZip(data: MemberData, meta: ExportMeta): Uint8Array {
  const files: Zippable = {
    'index.html': strToU8(renderIndexHtml(data, meta)),
    'README.txt': strToU8(renderReadme(data, meta)),
  };
  for (const t of data.tables) {
    files[jsonPath(t.name)] = strToU8(JSON.stringify({ purpose: t.purpose, columns: t.columns, rows: t.rows }, null, 2));
    if ((CSV_TABLES as readonly string[]).includes(t.name)) files[csvPath(t.name)] = strToU8(renderCsv(t));
  }
  // Pictures are compressed already.
  for (const f of data.files) files[f.path] = [f.bytes, { level: 0 }];
  return zipSync(files, { level: 6 });
}
