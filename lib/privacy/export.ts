import 'server-only';

/** Builds the export's zip (run by the 'privacy.export' job). */
export async function buildExport(_id: string): Promise<void> {}

/** Deletes expired export files; builds exports whose job never ran. */
export async function sweepExports(): Promise<void> {}
