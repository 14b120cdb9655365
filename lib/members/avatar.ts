/** Accepted avatar formats, recognised by their first bytes rather than the name or type the browser sent. */
export const AVATAR_MAX_BYTES = 2 * 1024 * 1024;

const signatures: { type: string; ext: string; test: (b: Uint8Array) => boolean }[] = [
  { type: 'image/png', ext: 'png', test: (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 },
  { type: 'image/jpeg', ext: 'jpg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: 'image/gif', ext: 'gif', test: (b) => b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x38 },
  {
    type: 'image/webp',
    ext: 'webp',
    test: (b) => b[0] === 0x52 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x46 && b[8] === 0x57 && b[9] === 0x45 && b[10] === 0x42 && b[11] === 0x50,
  },
];

export function sniffImage(bytes: Uint8Array): { type: string; ext: string } | null {
  const hit = signatures.find((s) => bytes.length >= 12 && s.test(bytes));
  return hit ? { type: hit.type, ext: hit.ext } : null;
}

export function contentTypeForKey(key: string): string {
  const ext = key.split('.').pop();
  return signatures.find((s) => s.ext === ext)?.type ?? 'application/octet-stream';
}
