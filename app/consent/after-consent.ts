import { safeCallbackPath } from '@/lib/auth/request';

/** Where to go once everything is accepted: the page the member was on the way to, never back here. */
export function afterConsentPath(value: string | null | undefined): string {
  const path = safeCallbackPath(value);
  return path === '/consent' || path.startsWith('/consent?') || path.startsWith('/consent/') ? '/' : path;
}
