/** A policy date as people write it, "1 March 2026" (UTC, as stored). */
export function PolicyDate({ date }: { date: Date }) {
  return <time dateTime={date.toISOString()}>{formatPolicyDate(date)}</time>;
}

export function formatPolicyDate(date: Date): string {
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}
