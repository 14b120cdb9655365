import 'server-only';
import { notFound } from 'next/navigation';
import { NotFound } from '@/lib/errors';

/** The value, or the 404 page when lib says there is no such thing. */
export async function orNotFound<T>(value: Promise<T>): Promise<T> {
  try {
    return await value;
  } catch (e) {
    if (e instanceof NotFound) notFound();
    throw e;
  }
}
