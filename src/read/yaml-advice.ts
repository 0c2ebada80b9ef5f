import { isMap, isScalar, isSeq, type Document } from 'yaml';

/** A slip that breaks YAML as students in Taiwan make it, at a source offset. */
export interface YamlSlip {
  offset: number;
  cause: 'fullwidth-colon' | 'fullwidth-space' | 'tab' | 'colon-space' | 'quote-unclosed';
  /** The key and value as written, for a corrected example. */
  key: string;
  value: string;
}

const keyPart = String.raw`^([ \t\u3000]*(?:-[ \t]+)?)([^\s:\uFF1A#"'\[{][^:\uFF1A#]*?)`;
const fullwidthColon = new RegExp(`${keyPart}：[ \\t\\u3000]*(.*)$`);
const missingSpace = new RegExp(`${keyPart}:(?![ \\t/]|$)(.*)$`);
const valueStart = /^[ \t\u3000]*(?:-[ \t]+)?[^:#]+?:[ \t\u3000]+(["'])/;

/**
 * The slips a Chinese keyboard makes in `key: value` YAML — 全形冒號, 全形空格, tabs, no space after the
 * colon, an unclosed quote — found line by line, so the student is told which one and where instead of
 * the parser's English. Only asked when the parser failed or the front matter did not come out a mapping.
 */
export function yamlSlips(yaml: string): YamlSlip[] {
  const slips: YamlSlip[] = [];
  let offset = 0;
  for (const line of yaml.split('\n')) {
    const at = (column: number, cause: YamlSlip['cause'], key = '', value = '') => slips.push({ offset: offset + column, cause, key, value });
    const indent = /^[ \t\u3000]*/.exec(line)![0];
    const comment = /^\s*#/.test(line);
    if (!comment && indent.includes('\t')) at(indent.indexOf('\t'), 'tab');
    else if (!comment && indent.includes('\u3000')) at(indent.indexOf('\u3000'), 'fullwidth-space');
    else if (!comment) {
      const colon = fullwidthColon.exec(line);
      const tight = missingSpace.exec(line);
      const quoted = valueStart.exec(line);
      const afterColon = /^[^:#]+?:(\u3000)/.exec(line.slice(indent.length));
      if (colon && !/: /.test(line.slice(0, line.indexOf('：'))))
        at(colon[1]!.length + colon[2]!.length, 'fullwidth-colon', colon[2]!.trim(), colon[3]!.trim());
      else if (afterColon) at(indent.length + afterColon[0].length - 1, 'fullwidth-space');
      else if (tight && !/^[a-z][a-z0-9+.-]*$/i.test(tight[2]!.trim()))
        at(tight[1]!.length + tight[2]!.length, 'colon-space', tight[2]!.trim(), tight[3]!.trim());
      else if (quoted && !closes(line.slice(quoted[0].length), quoted[1]!)) at(quoted[0].length - 1, 'quote-unclosed', '', quoted[1]!);
    }
    offset += line.length + 1;
  }
  return slips;
}

/** Whether the rest of a line after an opening quote closes it (`''` and `\"` escape). */
function closes(rest: string, quote: string): boolean {
  const body = quote === '"' ? rest.replace(/\\./g, '') : rest.replace(/''/g, '');
  return body.includes(quote);
}

/** Front matter that parsed without errors yet is no mapping, or has a key only a slip makes. */
export function looksSlipped(document: Document.Parsed): boolean {
  const root = document.contents;
  if (isScalar(root)) return root.value !== null && root.value !== '';
  const slipped = (node: unknown): boolean =>
    isMap(node)
      ? node.items.some((pair) => /[：\u3000]/.test(String(isScalar(pair.key) ? pair.key.value : '')) || slipped(pair.value))
      : isSeq(node)
        ? node.items.some(slipped)
        : false;
  return slipped(root);
}
