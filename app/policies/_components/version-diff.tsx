import type { DiffLine } from '@/lib/policies';

const lineMarks = {
  same: { sign: '', label: '', className: '' },
  added: { sign: '+', label: 'Added: ', className: 'border-emerald-600 bg-emerald-50' },
  removed: { sign: '−', label: 'Removed: ', className: 'border-red-600 bg-red-50' },
  changed: { sign: '~', label: 'Changed: ', className: 'border-amber-500 bg-amber-50' },
} as const;

/** Unchanged lines kept around each change; longer unchanged stretches fold away. */
const CONTEXT = 2;

type Block = { kind: 'lines'; lines: DiffLine[] } | { kind: 'fold'; lines: DiffLine[] };

function blocks(lines: DiffLine[]): Block[] {
  const near = lines.map((_, i) => lines.slice(Math.max(0, i - CONTEXT), i + CONTEXT + 1).some((l) => l.kind !== 'same'));
  const out: Block[] = [];
  lines.forEach((line, i) => {
    const kind = near[i] ? 'lines' : 'fold';
    const last = out.at(-1);
    if (last?.kind === kind) last.lines.push(line);
    else out.push({ kind, lines: [line] });
  });
  // Folding away one or two lines saves nothing: show them.
  const merged: Block[] = [];
  for (const block of out) {
    const kind = block.kind === 'fold' && block.lines.length < 3 ? 'lines' : block.kind;
    const last = merged.at(-1);
    if (last?.kind === 'lines' && kind === 'lines') last.lines.push(...block.lines);
    else merged.push({ kind, lines: block.lines });
  }
  return merged;
}

function Line({ line }: { line: DiffLine }) {
  const mark = lineMarks[line.kind];
  return (
    <div className={`flex gap-2 border-l-4 px-2 ${mark.className || 'border-transparent'}`}>
      <span aria-hidden="true" className="w-3 shrink-0 select-none text-center font-mono font-bold text-stone-700">
        {mark.sign}
      </span>
      <span className="min-w-0 flex-1 whitespace-pre-wrap break-words">
        {mark.label ? <span className="sr-only">{mark.label}</span> : null}
        {line.parts.map((part, i) =>
          part.kind === 'added' ? (
            <ins key={i} className="bg-emerald-100 text-emerald-950 underline decoration-2 underline-offset-2">
              {part.text}
            </ins>
          ) : part.kind === 'removed' ? (
            <del key={i} className="bg-red-100 text-red-950 line-through decoration-2">
              {part.text}
            </del>
          ) : (
            <span key={i}>{part.text}</span>
          ),
        )}
        {line.parts.length ? null : '\u00a0'}
      </span>
    </div>
  );
}

/** The changes between two versions of a policy's text, line by line; marked by sign and style, not colour alone. */
export function VersionDiff({ lines }: { lines: DiffLine[] }) {
  return (
    <div className="space-y-3">
      <p className="text-sm text-stone-600">
        Lines marked <strong>+</strong> were added, <strong>−</strong> removed, and <strong>~</strong> changed. Within a line,{' '}
        <del className="bg-red-100 line-through decoration-2">removed words are struck through</del> and{' '}
        <ins className="bg-emerald-100 underline decoration-2 underline-offset-2">added words are underlined</ins>. The text is shown as
        written, with its Markdown and fact tokens.
      </p>
      <div className="card overflow-hidden p-0 text-sm leading-relaxed sm:p-0">
        {blocks(lines).map((block, i) =>
          block.kind === 'lines' ? (
            <div key={i} className="py-1">
              {block.lines.map((line, j) => (
                <Line key={j} line={line} />
              ))}
            </div>
          ) : (
            <details key={i} className="border-y border-stone-100 bg-stone-50">
              <summary className="cursor-pointer px-3 py-1 text-stone-600">
                {block.lines.length} unchanged {block.lines.length === 1 ? 'line' : 'lines'}
              </summary>
              <div className="bg-white py-1">
                {block.lines.map((line, j) => (
                  <Line key={j} line={line} />
                ))}
              </div>
            </details>
          ),
        )}
      </div>
    </div>
  );
}
