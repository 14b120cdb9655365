import Link from 'next/link';

/** The section menu beside settings and admin pages: a row on phones, a column on wider screens. */
export function SideNav({ title, links }: { title: string; links: { href: string; label: string }[] }) {
  return (
    <nav aria-label={title} className="no-print">
      <p className="mb-3 text-sm font-semibold uppercase tracking-wide text-stone-500">{title}</p>
      <ul className="flex flex-wrap gap-2 md:flex-col">
        {links.map((l) => (
          <li key={l.href}>
            <Link href={l.href} className="block rounded-md px-3 py-2 text-sm font-medium text-stone-800 no-underline hover:bg-stone-100">
              {l.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
