/**
 * Which files are a portfolio's (src/discover.ts): documents under courses/, performances/ and
 * statements/, summary.md, portfolio.yaml and targets/*.yaml, at any depth of the workspace.
 */
export const portfolioPatterns = ['**/{courses,performances,statements}/**/*.md', '**/summary.md', '**/portfolio.yaml', '**/targets/*.{yaml,yml}'] as const;

/** The kinds `licheng new` makes, in the order a student meets them, with the folder each goes in. */
export const newKinds = [
  { kind: 'course', folder: 'courses', extension: 'md' },
  { kind: 'performance', folder: 'performances', extension: 'md' },
  { kind: 'summary', folder: '', extension: 'md' },
  { kind: 'statement', folder: 'statements', extension: 'md' },
  { kind: 'target', folder: 'targets', extension: 'yaml' },
] as const;

/** A portfolio document that has a PDF (not portfolio.yaml or a target). */
export const isPreviewable = (path: string): boolean => /(?:^|[\\/])(?:(?:courses|performances|statements)[\\/].+|summary)\.md$/.test(path);

/** A target (targets/*.yaml): what Pack packs. */
export const isTarget = (path: string): boolean => /(?:^|[\\/])targets[\\/][^\\/]+\.ya?ml$/.test(path);
