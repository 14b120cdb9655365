import { Forbidden, Invalid } from './errors';

/** What a form's server action returns: messages beside fields, and what the user typed (never passwords). */
export interface FormState {
  status: 'idle' | 'error' | 'success';
  message?: string;
  errors: Record<string, string>;
  values: Record<string, string>;
}

export const initialFormState: FormState = { status: 'idle', errors: {}, values: {} };

const SECRET_FIELDS = /password|token/i;

/** The form's text values to send back, so nothing typed is lost; secrets and files are left out. */
export function typedValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [k, v] of formData.entries()) {
    if (k.startsWith('$') || SECRET_FIELDS.test(k) || typeof v !== 'string') continue;
    values[k] = v;
  }
  return values;
}

/** Runs one lib call for a form; Invalid and Forbidden become messages, anything else is a real error. */
export async function handleForm(
  formData: FormData,
  run: () => Promise<string | void>,
): Promise<FormState> {
  const values = typedValues(formData);
  try {
    const message = await run();
    return { status: 'success', message: message || undefined, errors: {}, values };
  } catch (e) {
    if (e instanceof Invalid) {
      const { form, ...errors } = e.fields;
      return { status: 'error', message: form ?? e.message, errors, values };
    }
    if (e instanceof Forbidden) return { status: 'error', message: e.message, errors: {}, values };
    throw e;
  }
}

export function text(formData: FormData, name: string): string {
  const v = formData.get(name);
  return typeof v === 'string' ? v : '';
}

export function checked(formData: FormData, name: string): boolean {
  return formData.get(name) === 'on';
}
