import { basename } from 'node:path';
import type { Position } from '../diagnostics.js';
import type { ChosenItem } from '../check/target-rules.js';
import { channelLimits } from '../limits.js';
import { itemCodes, type ItemCode, type Target } from '../model/target.js';
import { categoryNames, kindLabel } from '../model/vocabulary.js';
import { gregorianYear } from '../roc-year.js';

/** A category PDF of the bundle and the item codes it gathers. */
export interface CategoryPlan {
  file: 'B-1' | 'B-2' | 'C' | 'D-1' | 'D-2';
  name: string;
  items: ChosenItem[];
}

/** How many items of a code the target chose, its cap and its minimum: the checklist's and the manifest's table. */
export interface CodeCount {
  code: ItemCode;
  count: number;
  cap: number | undefined;
  min: number | undefined;
}

/** What a target's bundle holds, in upload order, decided before anything is typeset. */
export interface BundlePlan {
  /** Each chosen item as its own file, named by code and order so they sort as they are uploaded. */
  singles: { item: ChosenItem; stem: string }[];
  /** One PDF per category code, each item from a new page with its bookmark (D-3 apart). */
  categories: CategoryPlan[];
  /** D-3's attachments, after 表A and 表B. */
  attachments: ChosenItem[];
  counts: CodeCount[];
  /** 1 January of the admission year: every PDF of the bundle is dated so, never by the clock. */
  date: Date;
  /** The school and department, as the PDFs' subject says it. */
  subject: string;
}

const categoryFiles: readonly { file: CategoryPlan['file']; codes: readonly ItemCode[] }[] = [
  { file: 'B-1', codes: ['B-1'] },
  { file: 'B-2', codes: ['B-2'] },
  { file: 'C', codes: ['C'] },
  { file: 'D-1', codes: ['D-1'] },
  { file: 'D-2', codes: ['D-2'] },
];

/**
 * The bundle of a checked target: its files, in order, and the caps they are counted against.
 * `unusable` are the places of attachments already reported as unusable: they are left out.
 */
export function planBundle(target: Target, items: readonly ChosenItem[], unusable: readonly Position[]): BundlePlan {
  const singles = items.map((item) => {
    const n = items.filter((i) => i.code === item.code).indexOf(item) + 1;
    return { item, stem: `items/${item.code}-${n}-${basename(item.path).replace(/\.md$/i, '')}` };
  });
  const categories = categoryFiles.map(({ file, codes }) => ({
    file,
    name: file === 'C' ? kindLabel.performance : categoryNames[file],
    items: items.filter((i) => codes.includes(i.code)),
  }));
  const reported = (item: ChosenItem) => unusable.some((place) => place.line === item.place.line && place.column === item.place.column);
  const limits = channelLimits(target.channel, target.admissionYear);
  const counts = itemCodes.map((code) => ({
    code,
    count: items.filter((i) => i.code === code).length,
    cap: target.caps?.[code] ?? limits?.caps[code as 'B-1'],
    min: code === 'B-1' ? limits?.min?.['B-1'] : undefined,
  }));
  return {
    singles,
    categories,
    attachments: items.filter((i) => i.code === 'D-3' && !reported(i)),
    counts,
    date: new Date(Date.UTC(gregorianYear(target.admissionYear), 0, 1)),
    subject: `${target.school} ${target.department}`,
  };
}
