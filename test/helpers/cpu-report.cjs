// Preloaded (`node --require`) into a CLI run by cpu-time.ts: as the process exits, it writes the
// processor time it used, all its threads included, to the file LICHENG_TEST_CPU_REPORT names.
const { writeFileSync } = require('node:fs');

process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  writeFileSync(process.env.LICHENG_TEST_CPU_REPORT, String((user + system) / 1e6));
});
