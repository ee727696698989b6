// A value of one setting that cannot be used: refused before any request, naming the setting
// (an input in the action, an option on the command line) and what it accepts.

import { KeepaliveError } from './errors.js';
import { changeSetting, Setting } from './wording.js';

/** A value of one input that cannot be used. Never retried: the workflow file must change. */
export class InputError extends KeepaliveError {
  readonly input: string;
  constructor(
    input: string,
    message: string,
    subject = Setting(input),
    fix = changeSetting(input),
  ) {
    super('input', `${subject} ${message}`, fix);
    this.input = input;
  }
}
