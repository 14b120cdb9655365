/** @type {import('next').NextConfig} */
const nextConfig = {
  // Packages with native code, WASM or dynamic requires stay outside the server bundle.
  serverExternalPackages: [
    '@electric-sql/pglite',
    '@node-rs/argon2',
    'akismet-api',
    'pg-boss',
    'nodemailer',
    'postgres',
  ],
  experimental: {
    authInterrupts: true,
    serverActions: { bodySizeLimit: '3mb' },
  },
  poweredByHeader: false,
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'same-origin' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), interest-cohort=()' },
        ],
      },
    ];
  },
};

export default nextConfig;
