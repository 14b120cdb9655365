'use client';

import { openCookieSettings } from '@/components/cookie-consent-state';

/**
 * "Cookie settings": opens the settings in place over the page. A link to the settings page, so it
 * still leads there before scripts load or when opened in a new tab.
 */
export function CookieSettingsLink({ className }: { className?: string }) {
  return (
    <a
      href="/cookies"
      className={className}
      onClick={(e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey || e.altKey || e.button !== 0) return;
        e.preventDefault();
        openCookieSettings(e.currentTarget);
      }}
    >
      Cookie settings
    </a>
  );
}
