import type { Metadata, Viewport } from 'next';
import { ConsentNotice } from '@/app/consent/_components/consent-notice';
import { CookieConsent } from '@/components/cookie-consent';
import { SiteFooter } from '@/components/site-footer';
import { SiteHeader } from '@/components/site-header';
import { getViewer } from '@/lib/auth/viewer';
import { listActivePolicies } from '@/lib/policies';
import { hasPendingConsent } from '@/lib/policies/consent';
import { getSettings } from '@/lib/settings';
import './globals.css';

// Every page reads the database or the session; nothing is rendered at build time.
export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const s = await getSettings();
  return { title: { default: s.siteName, template: `%s · ${s.siteName}` }, description: s.siteDescription };
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const [viewer, settings, policies] = await Promise.all([getViewer(), getSettings(), listActivePolicies()]);
  // Visitors cost nothing here; members one indexed read beside the cached policies.
  const consentDue = viewer ? await hasPendingConsent(viewer.id) : false;
  return (
    <html lang="en">
      <body className="flex min-h-screen flex-col">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
          Skip to content
        </a>
        <CookieConsent bannerVersion={settings.cookieBannerVersion} siteName={settings.siteName} />
        <SiteHeader siteName={settings.siteName} viewer={viewer} membersOnly={settings.membersOnly} />
        {consentDue ? <ConsentNotice /> : null}
        <main id="main" className="mx-auto w-full max-w-5xl flex-1 px-4 py-6 sm:py-10">
          {children}
        </main>
        <SiteFooter siteName={settings.siteName} policies={policies} />
      </body>
    </html>
  );
}
