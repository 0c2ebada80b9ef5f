import type { Lang } from '../messages.js';
import type { Format } from './output.js';

export interface CommandOption {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
}

export interface CommandInput {
  positionals: string[];
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  lang: Lang;
  format: Format;
}

/** One subcommand: its flags, its help, and what it does. Returns the exit code. */
export interface Command {
  name: string;
  summary: Record<Lang, string>;
  usage: string;
  /** Longer help, after the summary: options, input formats, examples. */
  help?: Record<Lang, string[]>;
  options: Record<string, CommandOption>;
  run(input: CommandInput): Promise<number>;
}
