import { LongDate } from '@/components/long-date';
import { STATUS_LABELS, type TimelineStep } from '@/lib/privacy/requests';

function who(step: TimelineStep, reader: 'member' | 'officer'): string {
  if (step.by === 'site') return 'automatically';
  if (step.by === 'member') return reader === 'member' ? 'by you' : 'by the member';
  if (reader === 'member') return 'by the privacy officer';
  return step.officer ? `by @${step.officer}` : 'by a former officer';
}

function what(step: TimelineStep): string {
  if (step.status === null) return 'Comment';
  if (step.status === 'pending') return 'Request made';
  return STATUS_LABELS[step.status];
}

/** Every step of a data request and every comment, oldest first. */
export function RequestTimeline({ steps, reader, label }: { steps: TimelineStep[]; reader: 'member' | 'officer'; label: string }) {
  return (
    <ol aria-label={label} className="space-y-2 border-l-2 border-stone-200 pl-4 text-sm">
      {steps.map((s) => (
        <li key={s.id}>
          <p>
            <span className="font-medium text-stone-900">{what(s)}</span> <span className="text-stone-600">{who(s, reader)}</span>
            <span className="text-stone-500">
              {' · '}
              <LongDate date={s.at} />
            </span>
          </p>
          {s.body ? <p className="mt-0.5 whitespace-pre-line break-words text-stone-800">{s.body}</p> : null}
        </li>
      ))}
    </ol>
  );
}
