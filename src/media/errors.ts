import type { MediaErrorArgs, MediaErrorCode } from '../infra/media-error-text.js';

export type { MediaErrorArgs, MediaErrorCode };

/** A problem with one input file that the user can act on; `args` fill the message. Never a bug. */
export class MediaError extends Error {
  readonly code: MediaErrorCode;
  readonly args: MediaErrorArgs;

  constructor(code: MediaErrorCode, args: MediaErrorArgs = {}) {
    super(
      `${code}: ${Object.entries(args)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')}`,
    );
    this.name = 'MediaError';
    this.code = code;
    this.args = args;
  }
}

export function isMediaError(error: unknown): error is MediaError {
  return error instanceof MediaError;
}
