import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkCjkFriendly from 'remark-cjk-friendly';
import type { Root } from 'mdast';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../src/read/read-source.js';
import { htmlToMarkdown } from '../src/read/html-nodes.js';
import { looseImages } from '../src/read/loose-images.js';

// parseMarkdown parses a text that cannot hold a bare URL or e-mail address without GFM's syntax and
// search for them: the tree must be what full GFM gives, for every kind of text.
const reference = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).use(remarkCjkFriendly);

function referenceTree(text: string): Root {
  const tree = reference.parse(text) as Root;
  // What parseMarkdown does after parsing.
  htmlToMarkdown(tree);
  looseImages(tree);
  if (tree.children[0]?.type === 'yaml') tree.children.shift();
  return tree;
}

const links = (tree: Root): string[] => JSON.stringify(tree).match(/"url":"[^"]*"/g) ?? [];

describe('the search for bare links', () => {
  const texts: [string, string][] = [
    ['no candidates', '## 學習過程\n\n我們用 Python 寫了一個小程式，量測十次取平均。\n\n| 項目 | 讀值 |\n| --- | --- |\n| 距離 | 12 cm |\n'],
    [
      'Latin words, code and underscores, but no link',
      'Using Python 3.12 and an ESP32_DevKit (v1.0), a+b-c_d.e; `x@y` is code.\n\n```\nhttp://example.com\n```\n',
    ],
    ['a URL', '參考資料：https://www.edu.tw/a?b=1，以及 http://example.com。\n'],
    ['www in capitals', '見 WWW.EXAMPLE.COM 的說明。\n'],
    ['an e-mail address', '有問題請寫信給 student@school.edu.tw。\n'],
    ['mailto and xmpp', 'mailto:a@b.tw 與 xmpp:c@d.tw/e\n'],
    ['an @ written as a character reference', '寫信給 student&#64;school.edu.tw 或 &#x77;ww.example.com\n'],
    ['a link already', '[教育部](https://www.edu.tw) 與 <https://example.com>\n'],
  ];
  for (const [name, text] of texts)
    it(`gives the full search's tree: ${name}`, () => {
      expect(parseMarkdown(text, '/x.md', 'x.md').source.tree).toEqual(referenceTree(text));
    });

  it('still finds links written as character references', () => {
    expect(links(parseMarkdown(texts.find(([name]) => name.includes('character reference'))![1], '/x.md', 'x.md').source.tree)).toEqual([
      '"url":"mailto:student@school.edu.tw"',
      '"url":"http://www.example.com"',
    ]);
  });

  it("gives the full search's tree for every example, template and fixture", () => {
    const files = ['examples', 'templates', 'test/fixtures'].flatMap((folder) =>
      readdirSync(folder, { recursive: true, encoding: 'utf8' })
        .filter((name) => name.endsWith('.md'))
        .map((name) => join(folder, name)),
    );
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const text = readFileSync(file, 'utf8').replace(/\r\n?/g, '\n');
      expect(parseMarkdown(text, file, file).source.tree, file).toEqual(referenceTree(text));
    }
  });
});
