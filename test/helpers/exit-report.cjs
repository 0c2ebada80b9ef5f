// Preloaded (`node --require`) into a CLI run by measure.ts: as the process exits, it writes what it
// used, all its threads included, to the file LICHENG_TEST_EXIT_REPORT names.
const { writeFileSync } = require('node:fs');

process.on('exit', () => {
  const { userCPUTime, systemCPUTime, maxRSS } = process.resourceUsage();
  writeFileSync(process.env.LICHENG_TEST_EXIT_REPORT, JSON.stringify({ cpuSeconds: (userCPUTime + systemCPUTime) / 1e6, megabytes: maxRSS / 1024 }));
});
