// Compiled by test/arch/diagnostics.test.ts: a misspelt message id or argument does not compile.
import { diagnostic } from '../../../src/diagnostics.js';
import { message } from '../../../src/messages.js';
import { rule } from '../../../src/check/rule.js';

diagnostic('a.md', undefined, 'error', 'summary-too-long', { count: 120, max: 100, over: 20 });
// @ts-expect-error a misspelt id
diagnostic('a.md', undefined, 'error', 'summary-too-lnog', { count: 120, max: 100, over: 20 });
// @ts-expect-error a misspelt argument
diagnostic('a.md', undefined, 'error', 'summary-too-long', { cuont: 120, max: 100, over: 20 });
// @ts-expect-error a missing argument
diagnostic('a.md', undefined, 'error', 'summary-too-long', { count: 120, max: 100 });
// @ts-expect-error arguments are required when the message has some
diagnostic('a.md', undefined, 'error', 'image-missing');
// A message without arguments, and one whose near miss is optional.
diagnostic('a.md', undefined, 'warning', 'contribution-thin');
diagnostic('a.md', { line: 3, column: 1 }, 'error', 'image-missing', { path: 'photo.png' });

// A media error carries its code and arguments, each language renders its own sentence.
message('media-unfit', { code: 'too-long', where: 'document', seconds: 300, fitsSeconds: 120, maxBytes: 10_000_000 }, 'en');
// @ts-expect-error no pre-rendered text
message('media-unfit', { zh: '太長', en: 'too long' }, 'en');
// @ts-expect-error not a media error code
message('media-unfit', { code: 'too-loud', where: 'document' }, 'en');

rule(['course'], { 'team-self': 'error' }, (context) => {
  context.report('team-self', undefined, { count: 2 });
  // @ts-expect-error a rule reports only the messages it declares
  context.report('summary-too-long', undefined, { count: 1, max: 1, over: 0 });
});
