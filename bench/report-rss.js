// Preloaded into the synth process by bench: writes its peak resident set size (KiB) on exit.
process.on('exit', () => {
  require('fs').writeFileSync(process.env.SPARK_TENANCY_RSS_FILE, String(process.resourceUsage().maxRSS));
});
