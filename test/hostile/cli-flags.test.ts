import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { makePortfolio } from '../helpers/portfolio.js';

const cli = join(import.meta.dirname, '..', '..', 'dist', 'licheng', 'main.cjs');
const run = (args: string[], cwd: string) => spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });

describe('flag errors', () => {
  const cases: [string[], string][] = [
    [['batch', 'roster.csv', '--jobs', '-XYZ'], 'licheng: --jobs 要是正整數，不是「-XYZ」'],
    [['batch', 'roster.csv', '--jobs'], 'licheng: 選項 --jobs 後面要接一個值：正整數，例如 2'],
    [['build', '-o', '--lang', 'zh'], 'licheng: 選項 -o 後面要接一個值：輸出資料夾的路徑'],
    [['build', '--nope'], 'licheng: 不認得的選項「--nope」；licheng build --help 列出可用的選項（檔名以 - 開頭時，請寫在 -- 之後）'],
    [['batch', 'roster.csv', '--resume=yes'], 'licheng: 選項 --resume 不接受值；請只寫 --resume'],
    [['check', '--lang', 'fr'], 'licheng: 選項 --lang 的值應為：zh 或 en；現在是「fr」'],
    [['check', '--format', 'xml'], 'licheng: 選項 --format 的值應為：text 或 json；現在是「xml」'],
    [['check', '--format', 'xml', '--lang=en'], 'licheng: option --format takes text or json, not xml'],
    [
      ['build', '--nope', '--lang', 'en'],
      'licheng: unknown option --nope; licheng build --help lists the options (put a file name that starts with - after --)',
    ],
    [['frob'], 'licheng: 不認得的指令「frob」；licheng --help 列出所有指令'],
  ];
  it.each(cases)('%j is said in the user’s language, with what is expected, exit 2', async (args, said) => {
    const result = run(args, await makePortfolio({}));
    expect(result.stderr).toBe(`${said}\n`);
    expect(result.status).toBe(2);
  });
});
