'use client';

import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode, type RefObject } from 'react';

export interface MentionSuggestion {
  username: string;
  name: string;
  avatarUrl: string | null;
}

/** "@" and the start of a username, just before the caret (not inside a word, an address or an email). */
const TRIGGER = /(^|[^\w@/`])@([a-zA-Z0-9_.-]{1,20})$/;
const DEBOUNCE_MS = 150;

interface Trigger {
  /** Where the "@" is. */
  start: number;
  text: string;
}

function triggerAt(area: HTMLTextAreaElement): Trigger | null {
  const caret = area.selectionStart;
  if (caret !== area.selectionEnd) return null;
  const match = TRIGGER.exec(area.value.slice(0, caret));
  if (!match) return null;
  return { start: caret - match[2].length - 1, text: match[2] };
}

/**
 * "@" suggestions for a textarea, as an ARIA combobox with a listbox: typing @ and the start of a
 * name asks /api/members/suggest; Up and Down move through the members, Enter or Tab inserts the
 * username, Escape closes the list. `onInserted` gets the new text (to keep the draft).
 */
export function useMentionSuggestions(area: RefObject<HTMLTextAreaElement | null>, onInserted: (value: string) => void) {
  const listId = useId();
  const [trigger, setTrigger] = useState<Trigger | null>(null);
  const [items, setItems] = useState<MentionSuggestion[]>([]);
  const [active, setActive] = useState(0);
  // Escape closes the list for this "@" until another one is typed.
  const dismissedAt = useRef<number | null>(null);

  const open = trigger !== null && items.length > 0;

  const close = useCallback(() => {
    setTrigger(null);
    setItems([]);
  }, []);

  const detect = useCallback(() => {
    const el = area.current;
    const found = el ? triggerAt(el) : null;
    if (!found || found.start === dismissedAt.current) {
      if (!found) dismissedAt.current = null;
      setTrigger(null);
      setItems([]);
      return;
    }
    setTrigger((current) => (current && current.start === found.start && current.text === found.text ? current : found));
  }, [area]);

  const query = trigger?.text ?? null;
  useEffect(() => {
    if (query === null) return;
    const controller = new AbortController();
    const timer = window.setTimeout(async () => {
      try {
        const response = await fetch(`/api/members/suggest?q=${encodeURIComponent(query)}`, { signal: controller.signal, headers: { Accept: 'application/json' } });
        const data = response.ok ? ((await response.json()) as { members?: MentionSuggestion[] }) : null;
        setItems(data?.members ?? []);
        setActive(0);
      } catch {
        if (!controller.signal.aborted) setItems([]);
      }
    }, DEBOUNCE_MS);
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [query]);

  const insert = useCallback(
    (member: MentionSuggestion) => {
      const el = area.current;
      if (!el || !trigger) return;
      const caret = el.selectionStart;
      const before = `${el.value.slice(0, trigger.start)}@${member.username} `;
      const after = el.value.slice(caret).replace(/^ /, '');
      el.value = before + after;
      el.focus();
      el.setSelectionRange(before.length, before.length);
      onInserted(el.value);
      close();
    },
    [area, trigger, onInserted, close],
  );

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (!open) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (i + step + items.length) % items.length);
    } else if ((e.key === 'Enter' || e.key === 'Tab') && !e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      insert(items[Math.min(active, items.length - 1)]);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      dismissedAt.current = trigger?.start ?? null;
      close();
    }
  };

  const optionId = (i: number) => `${listId}-option-${i}`;

  const textareaProps = {
    role: 'combobox' as const,
    'aria-autocomplete': 'list' as const,
    'aria-expanded': open,
    'aria-controls': listId,
    'aria-activedescendant': open ? optionId(Math.min(active, items.length - 1)) : undefined,
    onKeyDown,
    onKeyUp: (e: KeyboardEvent<HTMLTextAreaElement>) => {
      // Moving the caret with the keyboard can enter or leave an "@name".
      if (!open || !['ArrowDown', 'ArrowUp', 'Enter', 'Tab', 'Escape'].includes(e.key)) detect();
    },
    onClick: detect,
    onBlur: close,
  };

  const listbox: ReactNode = (
    <>
      <ul
        id={listId}
        role="listbox"
        aria-label="Mention suggestions"
        hidden={!open}
        className="absolute left-0 top-full z-20 mt-1 max-h-72 w-72 max-w-full overflow-y-auto rounded-md border border-stone-200 bg-white py-1 text-sm shadow-lg"
      >
        {open
          ? items.map((m, i) => (
              <li
                key={m.username}
                id={optionId(i)}
                role="option"
                aria-selected={i === active}
                // Keeps the focus in the textarea, so choosing with the mouse does not close the list first.
                onMouseDown={(e) => e.preventDefault()}
                onMouseEnter={() => setActive(i)}
                onClick={() => insert(m)}
                className={`flex cursor-pointer items-center gap-2 px-3 py-1.5 ${i === active ? 'bg-brand-100 text-brand-900' : 'text-stone-800'}`}
              >
                {m.avatarUrl ? (
                  // eslint-disable-next-line @next/next/no-img-element
                  <img src={m.avatarUrl} alt="" width={24} height={24} className="size-6 shrink-0 rounded-full object-cover" />
                ) : (
                  <span className="flex size-6 shrink-0 items-center justify-center rounded-full bg-brand-100 text-xs font-semibold text-brand-800" aria-hidden="true">
                    {m.name.slice(0, 1).toUpperCase()}
                  </span>
                )}
                <span className="min-w-0 truncate">
                  <span className="font-medium">{m.name}</span> <span className="text-stone-500">@{m.username}</span>
                </span>
              </li>
            ))
          : null}
      </ul>
      <p aria-live="polite" className="sr-only">
        {open ? `${items.length} member${items.length === 1 ? '' : 's'} suggested. Up and down arrows to choose, Enter to insert, Escape to close.` : ''}
      </p>
    </>
  );

  return { textareaProps, listbox, onInput: detect };
}
