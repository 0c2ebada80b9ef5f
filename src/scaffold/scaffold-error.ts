import type { Lang } from '../messages.js';
import { scaffoldErrors, type ScaffoldErrorCode } from './messages.js';

/** A scaffolding problem the user can fix (bad pack, existing file, unknown kind), in both languages. */
export class ScaffoldError extends Error {
  constructor(
    readonly code: ScaffoldErrorCode,
    readonly args: Record<string, string | number>,
  ) {
    super(scaffoldErrors[code].zh(args));
    this.name = 'ScaffoldError';
  }

  text(lang: Lang): string {
    return scaffoldErrors[this.code][lang](this.args);
  }
}
