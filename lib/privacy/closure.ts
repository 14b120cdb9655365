import 'server-only';
import type { ClosureMode } from '@/db/schema';

/** Closes an account for an approved erasure request (no cooling-off; the request completes when done). */
export async function closeForRequest(_userId: string, _mode: ClosureMode, _requestId: number): Promise<void> {}

export async function processClosure(_id: number): Promise<void> {}

export async function runDueClosures(): Promise<void> {}
