import { parseArgs } from 'node:util';
import type { Lang } from '../messages.js';
import { usage } from './cli-error.js';
import type { CommandOption } from './command.js';

/** What each flag's value is, said to the user. */
const expected: Record<string, Record<Lang, string>> = {
  lang: { zh: 'zh 或 en', en: 'zh or en' },
  format: { zh: 'text 或 json', en: 'text or json' },
  out: { zh: '輸出資料夾的路徑', en: 'the path of the output folder' },
  jobs: { zh: '正整數，例如 2', en: 'a whole number such as 2' },
  timeout: { zh: '秒數（0 表示不限時）', en: 'seconds (0 for no limit)' },
  queue: { zh: 'Redis 位址，例如 redis://127.0.0.1:6379', en: 'a Redis address such as redis://127.0.0.1:6379' },
  concurrency: { zh: '正整數，例如 2', en: 'a whole number such as 2' },
  'recover-after': { zh: '秒數，例如 30', en: 'seconds, such as 30' },
  'max-bytes': { zh: '位元組數，例如 4000000 或 4MB', en: 'a number of bytes such as 4000000 or 4MB' },
  trim: { zh: '起訖時間，例如 0:10-1:30', en: 'a start and end such as 0:10-1:30' },
  ffmpeg: { zh: 'ffmpeg 執行檔的路徑', en: 'the path of an ffmpeg program' },
  template: { zh: '範本資料夾的路徑', en: 'the path of a template folder' },
  student: { zh: '學生姓名', en: "the student's name" },
  school: { zh: '學校名稱', en: "the school's name" },
  target: { zh: '報考校系檔，例如 targets/ntu-ee.yaml', en: 'a target file such as targets/ntu-ee.yaml' },
};

const text = {
  zh: {
    unknown: (flag: string, help: string) => `不認得的選項「${flag}」；${help} 列出可用的選項（檔名以 - 開頭時，請寫在 -- 之後）`,
    missing: (flag: string, what: string) => `選項 ${flag} 後面要接一個值：${what}`,
    noValue: (flag: string) => `選項 ${flag} 不接受值；請只寫 ${flag}`,
    badValue: (flag: string, what: string, value: string) => `選項 ${flag} 的值應為：${what}；現在是「${value}」`,
  },
  en: {
    unknown: (flag: string, help: string) => `unknown option ${flag}; ${help} lists the options (put a file name that starts with - after --)`,
    missing: (flag: string, what: string) => `option ${flag} needs a value: ${what}`,
    noValue: (flag: string) => `option ${flag} takes no value; write just ${flag}`,
    badValue: (flag: string, what: string, value: string) => `option ${flag} takes ${what}, not ${value}`,
  },
};

/** The language asked for with --lang, when it is one licheng speaks: errors about the other flags are said in it. */
function askedLang(args: readonly string[]): Lang {
  const at = args.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const value = at < 0 ? undefined : args[at]!.includes('=') ? args[at]!.slice('--lang='.length) : args[at + 1];
  return value === 'en' ? 'en' : 'zh';
}

/**
 * parseArgs, with its errors said in the user's language (Node's are English and speak of
 * parser internals), each naming what the flag expects. A value that starts with `-` is taken as
 * the value (`--jobs -3` is a bad number, not an "ambiguous argument"), unless it is itself one of
 * the command's flags.
 */
export function parseFlags(args: readonly string[], options: Record<string, CommandOption>, helpCommand: string) {
  const lang = askedLang(args);
  const t = text[lang];
  const { values, positionals, tokens } = parseArgs({ args: [...args], options, allowPositionals: true, strict: false, tokens: true });
  const flags = new Set(Object.entries(options).flatMap(([name, o]) => [`--${name}`, ...(o.short ? [`-${o.short}`] : [])]));
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const option = options[token.name];
    const what = expected[token.name]?.[lang] ?? '';
    if (!option) usage(t.unknown(token.rawName, helpCommand));
    if (option.type === 'boolean' && token.value !== undefined) usage(t.noValue(token.rawName));
    if (option.type === 'string' && (token.value === undefined || (!token.inlineValue && flags.has(token.value.split('=')[0]!))))
      usage(t.missing(token.rawName, what));
  }
  return { values: values as Record<string, string | boolean | string[] | undefined>, positionals, lang };
}

/** A flag whose value is not one of `allowed`: the usage error, in the user's language. */
export function badValue(lang: Lang, flag: string, value: string): never {
  return usage(text[lang].badValue(`--${flag}`, expected[flag]?.[lang] ?? '', value));
}
