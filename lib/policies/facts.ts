import 'server-only';
import { renderMarkdown } from '@/lib/markdown';
import { dataMap, type ColumnPolicy, type DataCategory, type TablePolicy } from '@/lib/privacy/data-map';
import { cookieCategoryInfo, cookieRegistry, COOKIE_CATEGORIES, type CookieAudience, type CookieEntry } from '@/lib/privacy/cookies';
import { getSettings, type Settings } from '@/lib/settings';
import { secureCookies } from '@/lib/site-url';

/**
 * Policy texts hold tokens such as `{{retention}}`; each is filled at render time from what the code
 * and the current settings say, so a policy never states a fact twice or goes stale.
 */

/** The environment variables that switch outside services on. */
export type ServiceEnv = Partial<Record<'AKISMET_KEY' | 'STRIPE_SECRET_KEY' | 'SMTP_URL', string | undefined>>;

export interface PolicyFacts {
  settings: Readonly<Settings>;
  env: ServiceEnv;
  /** Whether cookies get their __Secure-/__Host- names (as on the live site). */
  secureCookies: boolean;
}

/** The facts as they are for this request: current settings, configured services, cookie names. */
export async function loadPolicyFacts(env: ServiceEnv | NodeJS.ProcessEnv = process.env): Promise<PolicyFacts> {
  const { AKISMET_KEY, STRIPE_SECRET_KEY, SMTP_URL } = env;
  return { settings: await getSettings(), env: { AKISMET_KEY, STRIPE_SECRET_KEY, SMTP_URL }, secureCookies: secureCookies() };
}

// ---------------------------------------------------------------------------------------------------
// Markdown building blocks. Every value that does not come from this file is escaped first.

const MARKDOWN_PUNCTUATION = /[\\`*_{}[\]()#+\-.!|<>~&]/g;

/** Text that Markdown shows as typed: no emphasis, links, tables or HTML can come out of it. */
export function escapeMarkdown(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(MARKDOWN_PUNCTUATION, (c) => `\\${c}`);
}

/** A code span that holds any text (cookie names): the fence is longer than any backtick run inside. */
function codeSpan(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence} ${text.replace(/\s+/g, ' ')} ${fence}`;
}

function markdownTable(headers: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const days = (n: number) => count(n, 'day', 'days');
const years = (n: number) => count(n, 'year', 'years');

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

// ---------------------------------------------------------------------------------------------------
// Cookies

const necessaryText = (c: CookieEntry) => (c.essential ? 'Yes: always set' : 'No: only with your permission');

function cookieRows(entries: CookieEntry[], withCategory: boolean): string[][] {
  return entries.map((c) => [
    codeSpan(c.name),
    ...(withCategory ? [escapeMarkdown(cookieCategoryInfo[c.category].label)] : []),
    necessaryText(c),
    escapeMarkdown(c.expiry),
    escapeMarkdown(c.purpose),
  ]);
}

function cookieTable(facts: PolicyFacts): string {
  const registry = cookieRegistry(facts.secureCookies);
  const unused = COOKIE_CATEGORIES.filter((category) => !registry.some((c) => c.category === category));
  const table = markdownTable(['Name', 'Category', 'Necessary', 'Expires', 'Purpose'], cookieRows(registry, true));
  const none = unused.map((category) => `No ${cookieCategoryInfo[category].label.toLowerCase()} cookies are in use.`).join(' ');
  return none ? `${table}\n\n${none}` : table;
}

/** Who receives each cookie, in the order a visitor meets them. */
const audienceHeadings: Record<CookieAudience, string> = {
  'every visitor': 'Every visitor',
  'every visitor who uses a form': 'Visitors who use a form (signing in, joining, resetting a password)',
  'signed-in members': 'Signed-in members',
  'visitors who allow preference cookies': 'Visitors who allow preference cookies',
};

function cookiesByAudience(facts: PolicyFacts): string {
  const registry = cookieRegistry(facts.secureCookies);
  return (Object.keys(audienceHeadings) as CookieAudience[])
    .map((audience) => {
      const entries = registry.filter((c) => c.setFor === audience);
      if (!entries.length) return null;
      return `### ${audienceHeadings[audience]}\n\n${markdownTable(['Name', 'Necessary', 'Expires', 'Purpose'], cookieRows(entries, false))}`;
    })
    .filter(Boolean)
    .join('\n\n');
}

// ---------------------------------------------------------------------------------------------------
// Outside services and where data is stored

/** The host of an SMTP URL, never its user name or password; null when it cannot be read. */
export function smtpHost(url: string): string | null {
  try {
    return new URL(url).hostname || null;
  } catch {
    return null;
  }
}

export interface ConfiguredService {
  name: string;
  role: string;
  receives: string;
  privacyUrl?: string;
}

/** The outside services that receive personal data, each only when it is configured. */
export function configuredServices(env: ServiceEnv): ConfiguredService[] {
  const out: ConfiguredService[] = [];
  if (env.SMTP_URL) {
    const host = smtpHost(env.SMTP_URL);
    out.push({
      name: host ? `the mail server ${host}` : 'the site’s mail server',
      role: 'Mail delivery',
      receives: 'your email address and the text of each mail the site sends you, such as sign-up confirmations, password resets and the notifications you asked for.',
    });
  }
  if (env.AKISMET_KEY) {
    out.push({
      name: 'Akismet, from Automattic',
      role: 'Spam checks',
      receives:
        'the text of each new post it checks, with the author’s name and email address, the IP address the post was sent from and the browser’s user agent (its name and version). It answers whether the post looks like spam.',
      privacyUrl: 'https://automattic.com/privacy/',
    });
  }
  if (env.STRIPE_SECRET_KEY) {
    out.push({
      name: 'Stripe',
      role: 'Payments',
      receives:
        'your name and email address when you pay for something, and the card or bank details you type on Stripe’s own payment page (those never pass through this site). It tells the site whether the payment went through and sends the invoice.',
      privacyUrl: 'https://stripe.com/privacy',
    });
  }
  return out;
}

function hostingSentence(facts: PolicyFacts): string {
  return `The site’s database and the files members upload are stored in ${escapeMarkdown(facts.settings.hostingRegion)}.`;
}

function services(facts: PolicyFacts): string {
  const list = configuredServices(facts.env);
  const body = list.length
    ? list
        .map((s) => {
          const policy = s.privacyUrl ? ` Read [their privacy policy](${s.privacyUrl}).` : '';
          return `- **${escapeMarkdown(s.role)}: ${escapeMarkdown(s.name)}.** It receives ${escapeMarkdown(s.receives)}${policy}`;
        })
        .join('\n')
    : 'No outside service receives personal data from this site: it has no spam-checking or payment service switched on, and mail stays in the site’s own outbox instead of being sent out through a mail server.';
  return `${body}\n\n${hostingSentence(facts)}`;
}

// ---------------------------------------------------------------------------------------------------
// Retention

/** Retention the settings decide, where the data map's words name a default that a setting can change. */
const retentionFromSettings: Record<string, (s: Readonly<Settings>) => string> = {
  'data_exports.file_key': (s) => `until the download expires, ${days(s.exportExpiryDays)} after it is ready`,
  'username_quarantine.username_hash': (s) => (s.usernameQuarantineDays ? `until the quarantine ends, after ${days(s.usernameQuarantineDays)}` : 'not kept: the username is free again at once'),
};

function columnRetention(table: string, column: string, policy: ColumnPolicy, s: Readonly<Settings>): string {
  const fromSetting = retentionFromSettings[`${table}.${column}`];
  if (fromSetting) return fromSetting(s);
  const key = /^setting:(\w+)$/.exec(policy.retention)?.[1];
  if (!key) return policy.retention;
  const value = s[key as keyof Settings];
  return typeof value === 'number' && key.endsWith('Days') ? days(value) : String(value);
}

function accountRetention(s: Readonly<Settings>): string {
  if (!s.inactiveAccountYears) return 'until you close your account; accounts are not closed for being inactive';
  const since = s.inactiveAccountFrom === 'signup' ? 'after you joined' : 'after your last visit';
  const then =
    s.inactiveAccountMode === 'erase'
      ? 'it is erased, with what you wrote'
      : 'it is anonymized: your name and details are removed, and what you wrote stays under an anonymous name';
  return `until you close your account, or at most ${years(s.inactiveAccountYears)} ${since}: we warn you by email first, and if you do not come back ${then}`;
}

/** The periods the site's settings decide, as a table of what and how long. */
function settingsRetentionRows(s: Readonly<Settings>): string[][] {
  return [
    ['IP addresses and browser names (user agents) of signed-in devices', `${days(s.ipRetentionDays)}, then deleted`],
    ['Copies of the mail the site sends you', `${days(s.outboxRetentionDays)}, then deleted`],
    ['Sign-ups never confirmed by email', `deleted with everything attached after ${days(s.unverifiedAccountDays)}`],
    ['Copies of your data you asked to download', `deleted ${days(s.exportExpiryDays)} after they are ready`],
    [
      'Usernames of closed accounts (as a one-way hash), so nobody else can take them straight away',
      s.usernameQuarantineDays ? `held back for ${days(s.usernameQuarantineDays)}` : 'not held back: free again at once',
    ],
    [
      'A request to close your account',
      s.closureCoolingOffDays ? `carried out ${days(s.closureCoolingOffDays)} after you confirm it, so you can change your mind` : 'carried out as soon as you confirm it',
    ],
    ['Your account and what you post', accountRetention(s)],
  ].map((cells) => cells.map(escapeMarkdown));
}

const columnNames: Record<string, string> = {
  ip: 'IP address',
  user_agent: 'browser name (user agent)',
  body_html: 'formatted body',
  consent_id: 'random consent number',
};

/** A column's name as a reader says it: "avatar_key" is "avatar", "sender_id" is "sender". */
function humanColumn(column: string): string {
  return columnNames[column] ?? column.replace(/_(id|key)$/, '').replace(/_/g, ' ');
}

function personalColumns(table: TablePolicy): [string, ColumnPolicy][] {
  return Object.entries(table.columns).filter(([, c]) => c.personal);
}

/** The rest of the data map: each table's personal columns, grouped by how long they are kept. */
function dataMapRetentionRows(s: Readonly<Settings>): string[][] {
  const rows: string[][] = [];
  for (const [name, table] of Object.entries(dataMap)) {
    const byPeriod = new Map<string, string[]>();
    for (const [column, policy] of personalColumns(table)) {
      const period = columnRetention(name, column, policy, s);
      byPeriod.set(period, [...(byPeriod.get(period) ?? []), humanColumn(column)]);
    }
    for (const [period, columns] of byPeriod) {
      rows.push([`**${escapeMarkdown(table.purpose)}:** ${escapeMarkdown(columns.join(', '))}`, escapeMarkdown(capitalize(period))]);
    }
  }
  return rows;
}

function retention(facts: PolicyFacts): string {
  const s = facts.settings;
  return [
    markdownTable(['What', 'How long'], settingsRetentionRows(s)),
    'The table below gives the period for every piece of personal data the site stores, taken from the same record the site uses to export and erase data.',
    markdownTable(['What', 'How long'], dataMapRetentionRows(s)),
  ].join('\n\n');
}

// ---------------------------------------------------------------------------------------------------
// Data categories, purposes and lawful bases

type PersonalCategory = Exclude<DataCategory, 'none'>;

const categoryInfo: Record<PersonalCategory, { label: string; about: string }> = {
  identity: { label: 'Identity', about: 'Who you are on the site: your name, username and profile.' },
  contact: { label: 'Contact', about: 'How the site reaches you: your email address and the mail it sends.' },
  content: { label: 'Content', about: 'What you write: topics, posts, messages and what you tell the staff.' },
  activity: { label: 'Activity', about: 'What you do on the site and the choices you make there.' },
  technical: { label: 'Technical', about: 'What keeps your account and the site safe: network addresses, devices and one-way hashes.' },
  billing: { label: 'Billing', about: 'What is needed to take payments and keep invoices.' },
};

export type LawfulBasis = 'contract' | 'legitimate interests' | 'consent' | 'legal obligation';

const lawfulBasisText: Record<LawfulBasis, string> = {
  contract: 'contract: needed to provide the community you joined (GDPR article 6(1)(b))',
  'legitimate interests': 'legitimate interests: keeping the site and your account secure and free of abuse, and staff accountable (GDPR article 6(1)(f))',
  consent: 'consent: only when you said yes, and you can withdraw it at any time (GDPR article 6(1)(a))',
  'legal obligation': 'legal obligation: records the law requires, such as proof of consent and of how your requests were handled (GDPR article 6(1)(c))',
};

/** The basis for each category; a few tables and columns rest on another basis, named here. */
const basisByCategory: Record<PersonalCategory, LawfulBasis> = {
  identity: 'contract',
  contact: 'contract',
  content: 'contract',
  activity: 'contract',
  technical: 'legitimate interests',
  billing: 'contract',
};

const basisExceptions: Record<string, LawfulBasis> = {
  'privacy_settings.marketing_email': 'consent',
  'users.minor_until': 'legal obligation',
  consents: 'legal obligation',
  cookie_consents: 'legal obligation',
  data_requests: 'legal obligation',
  data_request_events: 'legal obligation',
  account_closures: 'legal obligation',
  audit_log: 'legitimate interests',
};

export function lawfulBasis(table: string, column: string, category: PersonalCategory): LawfulBasis {
  return basisExceptions[`${table}.${column}`] ?? basisExceptions[table] ?? basisByCategory[category];
}

function dataCategories(): string {
  const sections: string[] = [];
  for (const category of Object.keys(categoryInfo) as PersonalCategory[]) {
    const categoryBasis = basisByCategory[category];
    const items: string[] = [];
    for (const [name, table] of Object.entries(dataMap)) {
      const tableBasis = basisExceptions[name] ?? categoryBasis;
      // Columns with the same purpose and basis read as one: "bio, location, website: …".
      const byPurpose = new Map<string, string[]>();
      for (const [column, policy] of personalColumns(table)) {
        if (policy.category !== category) continue;
        const basis = lawfulBasis(name, column, category);
        const key = basis === tableBasis ? policy.purpose : `${policy.purpose} (lawful basis: ${basis})`;
        byPurpose.set(key, [...(byPurpose.get(key) ?? []), humanColumn(column)]);
      }
      if (!byPurpose.size) continue;
      const uses = [...byPurpose].map(([purpose, columns]) => `${columns.join(', ')}: ${purpose}`).join('; ');
      const basisNote = tableBasis === categoryBasis ? '' : ` \\(lawful basis: ${tableBasis}\\)`;
      items.push(`- **${escapeMarkdown(table.purpose)}**${basisNote}. ${escapeMarkdown(capitalize(uses))}.`);
    }
    if (!items.length) continue;
    const { label, about } = categoryInfo[category];
    sections.push(`### ${label}\n\n${about} Lawful basis, unless another is named: ${escapeMarkdown(lawfulBasisText[categoryBasis])}.\n\n${items.join('\n')}`);
  }
  return sections.join('\n\n');
}

function keptAfterErasure(): string {
  const items: string[] = [];
  for (const table of Object.values(dataMap)) {
    const kept = personalColumns(table)
      .filter(([, policy]) => policy.erase === 'keep' && policy.reason)
      .map(([column, policy]) => `${humanColumn(column)}: ${policy.reason}`);
    if (kept.length) items.push(`- **${escapeMarkdown(table.purpose)}.** ${escapeMarkdown(capitalize(kept.join('; ')))}.`);
  }
  return items.length ? items.join('\n') : 'Nothing about you is kept after your account is closed.';
}

// ---------------------------------------------------------------------------------------------------
// Contact and age rules

/** A mailto: address safe inside a Markdown link destination. */
function mailtoHref(email: string): string {
  return `mailto:${encodeURI(email).replace(/[()<>\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

function privacyOfficer(facts: PolicyFacts): string {
  const email = facts.settings.privacyOfficerEmail.trim();
  if (!email) return 'the site’s administrators via the [data requests page](/settings/data)';
  return `the privacy officer at [${escapeMarkdown(email)}](${mailtoHref(email)})`;
}

function ageRules(facts: PolicyFacts): string {
  const { minimumAge, digitalConsentAge } = facts.settings;
  const join = `You must be at least ${minimumAge} years old to join.`;
  const dateOfBirth = 'At sign-up we ask your date of birth only to check these rules; the date itself is not stored.';
  if (minimumAge >= digitalConsentAge) return `${join} No parent or guardian consent is needed, because everyone who may join has reached the age of digital consent (${digitalConsentAge}). ${dateOfBirth}`;
  return `${join} Members under ${digitalConsentAge}, the age of digital consent here, need a parent or guardian to agree when they join. For them the site keeps the record of that agreement and the day they turn ${digitalConsentAge}, when the rules for younger members stop applying. ${dateOfBirth}`;
}

// ---------------------------------------------------------------------------------------------------
// The tokens

interface TokenDefinition {
  description: string;
  /** A block (tables, lists, paragraphs) is set apart from the text around it; inline tokens are not. */
  block: boolean;
  render: (facts: PolicyFacts) => string;
}

export const policyTokens: Record<string, TokenDefinition> = {
  'cookie-table': { block: true, description: 'Every cookie the site sets: name, category, whether necessary, expiry, purpose.', render: cookieTable },
  'cookies-by-audience': { block: true, description: 'The cookies grouped by who receives them.', render: cookiesByAudience },
  services: { block: true, description: 'The outside services that receive personal data, as configured, and where data is stored.', render: services },
  'hosting-region': { block: false, description: 'Where the data is stored (the hosting region setting).', render: (f) => escapeMarkdown(f.settings.hostingRegion) },
  retention: { block: true, description: 'How long each kind of data is kept, from the settings and the data map.', render: retention },
  'data-categories': { block: true, description: 'What is collected, grouped by category, with its purpose and lawful basis.', render: dataCategories },
  'kept-after-erasure': { block: true, description: 'What survives closing an account, and why.', render: keptAfterErasure },
  'privacy-officer': { block: false, description: 'Who to contact about your data (the privacy officer email setting).', render: privacyOfficer },
  'request-deadline': { block: false, description: 'How long the site takes at most to answer a data request.', render: (f) => days(f.settings.dataRequestDays) },
  'age-rules': { block: true, description: 'The minimum age and the rule for members under the age of digital consent.', render: ageRules },
  'site-name': { block: false, description: 'The site’s name.', render: (f) => escapeMarkdown(f.settings.siteName) },
};

// A fenced code block, an inline code span, or a token: tokens inside code are shown as written.
const TOKEN_OR_CODE = /(^|\n)(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:\n\2[^\n]*|$)|`[^`\n]+`|\{\{\s*([a-z0-9-]+)\s*\}\}/gi;

function tokenNamed(name: string | undefined): TokenDefinition | undefined {
  const key = name?.toLowerCase();
  return key && Object.hasOwn(policyTokens, key) ? policyTokens[key] : undefined;
}

/** The policy's Markdown with every known token replaced by its facts, as Markdown. */
export function fillPolicyTokens(markdown: string, facts: PolicyFacts): string {
  return markdown.replace(TOKEN_OR_CODE, (match, _start, _fence, name: string | undefined) => {
    const token = tokenNamed(name);
    if (!token) return match;
    const filled = token.render(facts);
    return token.block ? `\n\n${filled}\n\n` : filled;
  });
}

/** Tokens in a text that are not known, so an editor can point out the typo. */
export function unknownPolicyTokens(markdown: string): string[] {
  const names = [...markdown.matchAll(TOKEN_OR_CODE)].map((m) => m[3]).filter((n): n is string => Boolean(n));
  return [...new Set(names.filter((n) => !tokenNamed(n)))];
}

/** A policy's text as HTML, with its facts filled in; unknown tokens stay visible as typed. */
export function renderPolicyBody(markdown: string, facts: PolicyFacts): string {
  const html = renderMarkdown(fillPolicyTokens(markdown, facts), { headingIds: true });
  // Wide tables scroll inside their own box on a narrow screen instead of widening the page.
  return html.replace(/<table>/g, '<div class="policy-table overflow-x-auto"><table>').replace(/<\/table>/g, '</table></div>');
}
