import 'server-only';
import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

// Raw HTML is never markup here: it is read as plain text (and escaped), so a stray <tag> cannot swallow
// the Markdown around it.
const noRawHtml = {
  tokenizer: {
    html: () => undefined,
    tag: () => undefined,
  },
};

const marked = new Marked({ gfm: true, breaks: false }).use(noRawHtml as never);

// Documents (policies) get ids on their section headings, for the table of contents.
const documentMarked = new Marked({ gfm: true, breaks: false }).use(noRawHtml as never).use({
  renderer: {
    heading({ tokens, depth }) {
      const text = this.parser.parseInline(tokens);
      const id = depth <= 3 ? ` id="section-${slugifyHeading(text.replace(/<[^>]+>/g, ''))}"` : '';
      return `<h${depth}${id}>${text}</h${depth}>\n`;
    },
  },
});

const allowedImageHosts = (process.env.ALLOWED_IMAGE_HOSTS || '').split(',').map((h) => h.trim()).filter(Boolean);

/**
 * The one Markdown renderer. Raw HTML and scripts never survive; links get rel="nofollow ugc noopener";
 * images only from this site or ALLOWED_IMAGE_HOSTS.
 */
export function renderMarkdown(source: string, options: { headingIds?: boolean } = {}): string {
  const html = (options.headingIds ? documentMarked : marked).parse(source, { async: false }) as string;
  return sanitizeHtml(html, {
    allowedTags: [
      'p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'code', 'em', 'strong', 'del',
      'ul', 'ol', 'li', 'a', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
    ],
    allowedAttributes: {
      // rel is set by transformTags below, never taken from the source.
      a: ['href', 'title', 'rel'],
      img: ['src', 'alt', 'title'],
      code: ['class'],
      h2: ['id'],
      h3: ['id'],
      th: ['align'],
      td: ['align'],
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['http', 'https'] },
    allowedClasses: { code: [/^language-[a-z0-9-]+$/] },
    exclusiveFilter: (frame) => {
      if (frame.tag !== 'img') return false;
      const src = frame.attribs.src ?? '';
      if (src.startsWith('/') && !src.startsWith('//')) return false;
      try {
        return !allowedImageHosts.includes(new URL(src).host);
      } catch {
        return true;
      }
    },
    transformTags: {
      a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'nofollow ugc noopener' } }),
    },
  });
}

export function slugifyHeading(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** The second-level headings of a Markdown document, with the ids renderMarkdown gives them. */
export function documentSections(source: string): { id: string; title: string }[] {
  return [...source.matchAll(/^## +(.+)$/gm)].map((m) => ({ id: `section-${slugifyHeading(m[1])}`, title: m[1].trim() }));
}
