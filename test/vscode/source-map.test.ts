import { describe, expect, it } from 'vitest';
import { blockForLine, type MapBlock } from '../../web/preview/source-map.js';

const block = (startLine: number, endLine: number, page = 1): MapBlock => ({ page, x: 0, y: startLine * 10, width: 100, height: 10, startLine, endLine });

describe('the block a cursor line shows in the preview', () => {
  const heading = block(10, 10);
  const list = block(12, 16);
  const item = block(13, 13);
  const paragraph = block(20, 22, 2);
  const map = [heading, list, item, paragraph];

  it('is the narrowest block covering the line', () => {
    expect(blockForLine(map, 13)).toBe(item);
    expect(blockForLine(map, 15)).toBe(list);
    expect(blockForLine(map, 21)).toBe(paragraph);
  });

  it('is the last block before a line that prints nothing, or the first block before them all', () => {
    expect(blockForLine(map, 18)).toBe(list);
    expect(blockForLine(map, 40)).toBe(paragraph);
    expect(blockForLine(map, 2)).toBe(heading);
    expect(blockForLine([], 2)).toBeUndefined();
  });
});
