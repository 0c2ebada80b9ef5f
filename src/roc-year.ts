/** 民國 (ROC) years, in which school years and admission years are written: 民國 1 is 1912. */
const offset = 1911;

export const rocYear = (gregorian: number): number => gregorian - offset;
export const gregorianYear = (roc: number): number => roc + offset;
/** A year as a student may write it, 西元 or 民國, as a 民國 year (2024 and 113 are both 113). */
export const asRocYear = (year: number): number => (year > offset ? rocYear(year) : year);
