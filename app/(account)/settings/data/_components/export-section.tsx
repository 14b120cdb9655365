import { LongDate } from '@/components/long-date';
import type { Actor } from '@/lib/permissions';
import { exportOverview, type ExportSummary } from '@/lib/privacy/export';
import { exportTables } from '@/lib/privacy/export-collect';
import { longDate } from '@/lib/privacy/export-mail';
import { ExportProgress } from './export-progress';
import { ExportRequestForm } from './export-request-form';

function size(bytes: number | null): string {
  if (bytes === null) return '';
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

const STATUS_TEXT: Record<ExportSummary['status'], string> = {
  queued: 'Waiting to start…',
  building: 'Gathering your data…',
  ready: 'Ready to download',
  expired: 'Expired',
  failed: 'Failed — try again',
};

function ExportItem({ item }: { item: ExportSummary }) {
  const running = item.status === 'queued' || item.status === 'building';
  return (
    <li className="space-y-2 px-3 py-3 text-sm">
      <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
        <span className="text-stone-600">
          Asked for on <LongDate date={item.createdAt} />
        </span>
        <p aria-live="polite" className={`font-medium ${item.status === 'failed' ? 'text-red-700' : 'text-stone-900'}`}>
          {STATUS_TEXT[item.status]}
        </p>
      </div>
      {running ? <ExportProgress progress={item.progress} label="Export progress" /> : null}
      {item.status === 'ready' ? (
        <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:gap-3">
          <a href={`/api/exports/${item.id}`} className="btn-primary" download>
            Download your data{item.sizeBytes !== null ? ` (${size(item.sizeBytes)})` : ''}
          </a>
          <span className="text-stone-600">
            Available until {item.expiresAt ? <LongDate date={item.expiresAt} /> : 'it expires'}
            {item.downloadedAt ? (
              <>
                {' '}
                · last downloaded on <LongDate date={item.downloadedAt} />
              </>
            ) : null}
          </span>
        </div>
      ) : null}
      {item.status === 'expired' ? (
        <p className="text-stone-600">
          The file was deleted{item.expiresAt ? <> on <LongDate date={item.expiresAt} /></> : null}. Ask for a new copy whenever you like.
        </p>
      ) : null}
      {item.status === 'failed' ? (
        <p className="text-stone-600">Something went wrong while preparing this copy. Ask again with the button above; a failed export does not count toward the daily limit.</p>
      ) : null}
    </li>
  );
}

/** "Download my data": what the export holds, the button, and the member's latest exports. */
export async function ExportSection({ viewer }: { viewer: Actor }) {
  const { exports, nextRequestAt, expiryDays } = await exportOverview(viewer);
  const running = exports.some((e) => e.status === 'queued' || e.status === 'building');
  const hint = !running && nextRequestAt ? `You can ask for the next one from ${longDate(nextRequestAt)}.` : undefined;
  const kinds = exportTables();
  return (
    <section className="card space-y-4" aria-labelledby="export-heading">
      <div className="space-y-2">
        <h3 id="export-heading" className="font-semibold">
          Download my data
        </h3>
        <p className="text-sm text-stone-600">
          A zip file with everything the site holds about you: your account and profile, your topics and posts with every earlier version, the messages
          in your conversations (sent and received), likes, bookmarks, reports, notifications, the policies you accepted, your data requests, the staff
          log’s entries about you, and the pictures you uploaded. Other members appear only by the username of those who wrote in your conversations.
        </p>
        <p className="text-sm text-stone-600">
          Open <code>index.html</code> from the zip in any web browser to read it, no connection needed. Each kind of data is also a JSON file, and your
          posts and messages are CSV files for spreadsheets.
        </p>
        <details className="text-sm">
          <summary className="cursor-pointer text-brand-700">Every kind of data in the export</summary>
          <ul className="mt-2 list-disc space-y-0.5 pl-6 text-stone-700">
            {kinds.map((k) => (
              <li key={k.name}>{k.purpose}</li>
            ))}
          </ul>
        </details>
        <p className="text-sm text-stone-600">
          It is prepared in the background, usually within a minute; you get a notice and an email when it is ready. Only you can download it, while
          signed in, for {expiryDays} {expiryDays === 1 ? 'day' : 'days'}; then the file is deleted. You can ask for one export a day.
        </p>
      </div>

      <ExportRequestForm hint={hint} />

      <div className="space-y-2">
        <h4 className="text-sm font-semibold text-stone-900">Your exports</h4>
        {exports.length ? (
          <ul aria-label="Your exports" className="divide-y divide-stone-100 rounded-md border border-stone-200">
            {exports.map((item) => (
              <ExportItem key={item.id} item={item} />
            ))}
          </ul>
        ) : (
          <p className="text-sm text-stone-600">You have not asked for a copy of your data yet.</p>
        )}
      </div>
    </section>
  );
}
