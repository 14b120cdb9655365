import NextAuth, { CredentialsSignin, type NextAuthConfig } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { authenticate, AuthFailure } from './accounts';
import { revokeSession, SESSION_DAYS } from './sessions';
import { ensureAuthSecret } from './secret';
import { secureCookies } from '@/lib/site-url';

declare module 'next-auth' {
  interface User {
    sid?: string;
  }
  interface Session {
    sid?: string;
  }
}

class SignInRefused extends CredentialsSignin {
  constructor(code: string) {
    super();
    this.code = code;
  }
}

function clientIp(headers: Headers): string | null {
  return headers.get('x-forwarded-for')?.split(',')[0]?.trim() || headers.get('x-real-ip') || null;
}

function config(): NextAuthConfig {
  return {
    secret: ensureAuthSecret(),
    trustHost: true,
    // Cookies are HttpOnly and SameSite=Lax; Secure (with the __Secure- prefix) in production and over https.
    useSecureCookies: secureCookies(),
    session: { strategy: 'jwt', maxAge: SESSION_DAYS * 86_400 },
    pages: { signIn: '/signin', error: '/signin' },
    providers: [
      Credentials({
        credentials: { email: {}, password: {} },
        async authorize(credentials, request) {
          try {
            const { user, sessionId } = await authenticate(String(credentials.email ?? ''), String(credentials.password ?? ''), {
              ip: clientIp(request.headers),
              userAgent: request.headers.get('user-agent'),
            });
            return { id: user.id, name: user.name, sid: sessionId };
          } catch (e) {
            if (e instanceof AuthFailure) throw new SignInRefused(e.code);
            throw e;
          }
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user?.sid) token.sid = user.sid;
        // Keep the token small: no email or picture in the cookie.
        delete token.email;
        delete token.picture;
        return token;
      },
      session({ session, token }) {
        return { ...session, sid: typeof token.sid === 'string' ? token.sid : undefined };
      },
    },
    events: {
      async signOut(message) {
        const sid = 'token' in message ? message.token?.sid : undefined;
        if (typeof sid === 'string') await revokeSession(sid);
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => config());
