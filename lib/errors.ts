/** Typed failures that routes turn into the right page or status. */
export class NotFound extends Error {
  constructor(message = 'Not found') {
    super(message);
    this.name = 'NotFound';
  }
}

export class Forbidden extends Error {
  constructor(message = 'You are not allowed to do that.') {
    super(message);
    this.name = 'Forbidden';
  }
}

/** Bad input: `fields` maps a form field to the message shown beside it. */
export class Invalid extends Error {
  constructor(
    public fields: Record<string, string>,
    message = 'Please correct the highlighted fields.',
  ) {
    super(message);
    this.name = 'Invalid';
  }
}
