/**
 * A policy's text, rendered by renderPolicyBody (sanitized there). Tables scroll inside their own box
 * on a narrow screen; long names and addresses wrap instead of widening the page.
 */
export function PolicyBody({ html }: { html: string }) {
  return (
    <div
      className="prose-doc break-words [&_.policy-table]:my-4 [&_.policy-table]:rounded-md [&_.policy-table]:border [&_.policy-table]:border-stone-200 [&_.policy-table]:bg-white [&_table]:w-full [&_table]:text-left [&_table]:text-sm [&_td]:border-t [&_td]:border-stone-100 [&_td]:px-3 [&_td]:py-2 [&_td]:align-top [&_td]:min-w-[7rem] [&_th]:bg-stone-50 [&_th]:px-3 [&_th]:py-2 [&_th]:font-medium [&_th]:text-stone-600 [&_td_code]:whitespace-nowrap"
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}

/**
 * For the printed page: the site's address, which print styles put before each link on this site
 * (an article with this style and the policy-print class shows every link's address on paper).
 */
export function printLinkStyle(origin: string): React.CSSProperties {
  return { ['--site-origin' as string]: JSON.stringify(origin.replace(/\/+$/, '')) };
}
