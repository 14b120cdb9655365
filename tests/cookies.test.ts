import { describe, expect, it } from 'vitest';
import { secureCookies } from '@/lib/site-url';
import { cookieRegistry } from '@/lib/privacy/cookies';

describe('session cookies', () => {
  it('are Secure in production and whenever the site is served over https', () => {
    expect(secureCookies('https://forum.example', false)).toBe(true);
    expect(secureCookies('https://forum.example', true)).toBe(true);
    expect(secureCookies('http://forum.example', true)).toBe(true);
  });

  it('are not Secure for a plain-http trial on this machine, where browsers would drop them', () => {
    expect(secureCookies('http://localhost:3000', true)).toBe(false);
    expect(secureCookies('http://127.0.0.1:3000', false)).toBe(false);
    expect(secureCookies('http://localhost:3000', false)).toBe(false);
  });

  it('are listed under the names browsers see in each mode', () => {
    expect(cookieRegistry(true).map((c) => c.name)).toContain('__Secure-authjs.session-token');
    expect(cookieRegistry(false).map((c) => c.name)).toContain('authjs.session-token');
    expect(cookieRegistry(true).every((c) => c.essential)).toBe(true);
  });
});
