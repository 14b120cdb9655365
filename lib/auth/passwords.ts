import 'server-only';
import { hash, verify } from '@node-rs/argon2';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;

let zxcvbn: ZxcvbnFactory | undefined;
function strength() {
  zxcvbn ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  });
  return zxcvbn;
}

/** Returns the message to show beside the password field, or null when the password is acceptable. */
export function passwordProblem(password: string, personal: string[] = []): string | null {
  if (password.length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters.`;
  if (password.length > PASSWORD_MAX) return `Use at most ${PASSWORD_MAX} characters.`;
  // Each word too: a name given as "Bartholomew Quince" must also catch "bartholomewquince".
  const words = personal.filter(Boolean).flatMap((p) => [p, ...p.split(/[\s@._+-]+/).filter((w) => w.length >= 3)]);
  const result = strength().check(password, words);
  if (result.score < 3) {
    const hint = result.feedback.warning || result.feedback.suggestions[0];
    return `This password is too common or easy to guess.${hint ? ` ${hint}` : ''}`.trim();
  }
  return null;
}

// argon2id with the library's defaults (19 MiB, 2 passes): OWASP's recommended minimum.
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;
/** Spends the same time as a real check, so an unknown email cannot be told apart by timing. */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hash('not-a-real-password-hearth');
  await verifyPassword(await dummyHash, password);
  return false;
}
