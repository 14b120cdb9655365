import { databaseHealthy } from '@/lib/health';

export async function GET() {
  const ok = await databaseHealthy();
  return Response.json({ ok }, { status: ok ? 200 : 503, headers: { 'Cache-Control': 'no-store' } });
}
