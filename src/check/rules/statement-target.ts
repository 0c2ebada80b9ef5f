import { targetName } from '../../model/load-target.js';
import { nearest } from '../../nearest.js';
import { rule } from '../rule.js';

/** A 自述 written for a target that is not among targets/: its PDF would lose the 報考校系 row, and no bundle takes it. */
export const statementTarget = rule(['statement'], { 'statement-target-unknown': 'error' }, (context) => {
  const written = context.document.target;
  const name = targetName(written);
  if (!written || !name || context.targets.some((t) => t.name === name)) return;
  const names = context.targets.map((t) => t.name);
  const near = nearest(name, names);
  context.report('statement-target-unknown', context.keyPosition(['target']), {
    value: written,
    available: names.length ? names.map((n) => `targets/${n}.yaml`).join('、') : '',
    ...(near && { near: written.replace(name, near) }),
  });
});
