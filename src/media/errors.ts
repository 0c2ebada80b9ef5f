/** Why a file could not be fitted; each code has a sentence in messages.ts. */
export type MediaErrorCode =
  | 'missing'
  | 'empty'
  | 'unreadable'
  | 'unsupported'
  | 'not-media'
  | 'corrupt'
  | 'heic'
  | 'too-many-pixels'
  | 'too-long'
  | 'cannot-fit'
  | 'bad-trim'
  | 'would-overwrite'
  | 'no-ffmpeg'
  | 'ffmpeg-failed'
  | 'interrupted';

export type MediaErrorArgs = Record<string, string | number>;

/** A problem with one input file that the user can act on; `args` fill the message. Never a bug. */
export class MediaError extends Error {
  readonly code: MediaErrorCode;
  readonly args: MediaErrorArgs;

  constructor(code: MediaErrorCode, args: MediaErrorArgs = {}) {
    super(`${code}: ${Object.entries(args).map(([k, v]) => `${k}=${v}`).join(', ')}`);
    this.name = 'MediaError';
    this.code = code;
    this.args = args;
  }
}

export function isMediaError(error: unknown): error is MediaError {
  return error instanceof MediaError;
}
