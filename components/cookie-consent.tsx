import { CookieBanner } from '@/components/cookie-banner';
import { textSizeBootScript } from '@/lib/privacy/cookies';

/**
 * Mounted once at the top of <body>: applies a remembered text size before the page is painted, then
 * the cookie banner. Both read only document.cookie, so the HTML is the same for every visitor.
 */
export function CookieConsent({ bannerVersion, siteName }: { bannerVersion: number; siteName: string }) {
  return (
    <>
      <script dangerouslySetInnerHTML={{ __html: textSizeBootScript(bannerVersion) }} />
      <CookieBanner bannerVersion={bannerVersion} siteName={siteName} />
    </>
  );
}
