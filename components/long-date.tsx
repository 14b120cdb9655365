/** A moment written out in full, "24 November 2026, 14:05 UTC": for notices people may quote. */
export function LongDate({ date }: { date: Date }) {
  const day = date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  return (
    <time dateTime={date.toISOString()}>
      {day}, {date.toISOString().slice(11, 16)} UTC
    </time>
  );
}
