import { getViewer } from '@/lib/auth/viewer';
import { NotFound } from '@/lib/errors';
import { openExportDownload } from '@/lib/privacy/export';

const plain = (body: string, status: number) =>
  new Response(body, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'private, no-store' } });

/**
 * GET /api/exports/:id — the member's own data export as a zip, while it is ready.
 * 404 for anyone else (visitors included) and for anything not ready; 410 once it has expired.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await getViewer();
  if (!viewer) return plain('Not found', 404);
  try {
    const download = await openExportDownload(viewer, id);
    if (download.kind === 'expired') {
      return plain('This download has expired and the file was deleted. You can ask for a new copy of your data in your data settings.', 410);
    }
    return new Response(download.bytes as Uint8Array<ArrayBuffer>, {
      headers: {
        'Content-Type': 'application/zip',
        'Content-Disposition': `attachment; filename="${download.filename}"`,
        'Content-Length': String(download.bytes.byteLength),
        'Cache-Control': 'private, no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch (e) {
    if (e instanceof NotFound) return plain('Not found', 404);
    throw e;
  }
}
