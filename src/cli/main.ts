#!/usr/bin/env node
import { enableCompileCache } from './compile-cache.js';

// The entry stays this small: everything else loads after the cache is on, so can come from it.
// Not for the servers (the language server, the studio): they live as long as the editor or the
// browser tab, and the cache they would hold in memory (every cached module's code, ~150 MB)
// costs more than the second it saves once.
if (process.argv[2] !== 'lsp' && process.argv[2] !== 'studio') enableCompileCache();
void import('./cli.js');
