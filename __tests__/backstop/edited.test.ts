// Regression test from an attack pass: what follows describes the defect as it was found.
// A schedule under the backstop's id whose body or method was changed by other hands (the
// console edits a schedule in place; anyone holding the QStash token can). It still calls this
// database, at the planned time, with the fingerprint header: ensure.ts compares only the
// destination, the cron and that header, so the run reports it `active` and leaves it as it is,
// run after run, while every beat sends what someone else wrote (here: a PING, which writes
// nothing, or a GET, which runs no command). The repointed schedule is caught; these are not.

import { describe, expect, it } from 'vitest';
import { runInProcess } from '../support/action.ts';
import { backstopInputs, onlySchedule, useQStash, useStack } from '../support/fixtures.ts';
import type { Schedule } from '../support/qstash.ts';

const stack = useStack();
const fake = useQStash();

const theSchedule = () => onlySchedule(fake);

describe('a schedule under our id, edited in place by other hands', () => {
  it.each([
    ['its body', (s: Schedule) => (s.body = '["PING"]')],
    ['its method', (s: Schedule) => (s.method = 'GET')],
  ])('%s changed: maintenance puts it back, not "active"', async (_, edit) => {
    const first = await runInProcess(backstopInputs(stack, fake));
    expect(first.outputs.backstop).toBe('created');
    const planned = { ...theSchedule() };
    edit(theSchedule());
    const again = await runInProcess(backstopInputs(stack, fake));
    expect(again.outputs.backstop).toBe('updated');
    expect(theSchedule()).toMatchObject({ body: planned.body, method: planned.method });
  });
});
