// Preloaded by bench/whole.ts where GNU time is missing: reports this process's peak RSS on exit.
'use strict';
process.on('exit', () => process.stderr.write(`PEAK_RSS_KB ${process.resourceUsage().maxRSS}\n`));
