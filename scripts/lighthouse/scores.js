// Prints one page's Lighthouse scores: the median of each category over
// the runs in OUT/NAME.1.json … OUT/NAME.RUNS.json, the spread of the
// performance score, and the weighted audits scoring under 0.9 in the run
// with the median performance. Used by run.sh.
"use strict";
const [out, name, path, runs] = process.argv.slice(2);
const reports = [];
for (let i = 1; i <= Number(runs); i++) {
  try { reports.push(require(`${out}/${name}.${i}.json`)); } catch (e) { console.error(`  ${name} run ${i}: no report`); }
}
if (reports.length === 0) { console.log(name.padEnd(14), path.padEnd(32), "no report"); process.exit(0); }
for (const r of reports) {
  if (r.runtimeError) console.error(`  ${name}: ${r.runtimeError.code} ${r.runtimeError.message}`);
  if (r.finalDisplayedUrl && !r.finalDisplayedUrl.endsWith(path)) console.error(`  ${name} ended on ${r.finalDisplayedUrl}`);
}
const score = (r, k) => (r.categories[k] && r.categories[k].score !== null ? r.categories[k].score : NaN);
const median = xs => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)]; };
const cats = ["performance", "accessibility", "best-practices", "seo"];
const med = cats.map(k => median(reports.map(r => score(r, k))));
const perfs = reports.map(r => score(r, "performance"));
console.log(name.padEnd(14), path.padEnd(32), ...med.map(v => v.toFixed(2).padStart(5)),
  ` ${Math.min(...perfs).toFixed(2)}–${Math.max(...perfs).toFixed(2)}`);
const typical = reports.find(r => score(r, "performance") === med[0]) || reports[0];
for (const [k, cat] of Object.entries(typical.categories)) {
  for (const ref of cat.auditRefs) {
    const a = typical.audits[ref.id];
    if (ref.weight > 0 && a.score !== null && a.score < 0.9) {
      console.log(`    ${k}: ${a.id} ${a.score.toFixed(2)}${a.displayValue ? " (" + a.displayValue + ")" : ""}`);
    }
  }
}
