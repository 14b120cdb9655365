/** A date shown as "5 min ago" / "3 days ago" / a calendar date, with the exact time on hover. */
export function RelativeTime({ date, now = new Date() }: { date: Date; now?: Date }) {
  const seconds = Math.round((now.getTime() - date.getTime()) / 1000);
  let text: string;
  if (seconds < 60) text = 'just now';
  else if (seconds < 3600) text = `${Math.floor(seconds / 60)} min ago`;
  else if (seconds < 86_400) text = `${Math.floor(seconds / 3600)} h ago`;
  else if (seconds < 30 * 86_400) text = `${Math.floor(seconds / 86_400)} d ago`;
  else text = date.toISOString().slice(0, 10);
  const exact = `${date.toISOString().replace('T', ' ').slice(0, 16)} UTC`;
  return (
    <time dateTime={date.toISOString()} title={exact}>
      {text}
    </time>
  );
}
