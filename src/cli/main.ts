#!/usr/bin/env node
import { enableCompileCache } from './compile-cache.js';
import { tuneForCommand } from './tiering.js';

// The entry stays this small: everything else loads after V8 is tuned and the cache is on, so can
// come from it. Neither for the servers (the language server, the studio): they live as long as the editor or the
// browser tab, and the cache they would hold in memory (every cached module's code, ~150 MB)
// costs more than the second it saves once.
if (process.argv[2] !== 'lsp' && process.argv[2] !== 'studio') {
  tuneForCommand();
  enableCompileCache();
}
void import('./cli.js');
