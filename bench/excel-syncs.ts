/**
 * Prints the Office.js host's syncs and payload per validate / highlight for N projects
 * (default 20,000) on the simulated Excel object model, as JSON.
 *   npx ts-node is not installed; run through jest's transformer or import measureExcelSyncs:
 *   node -e "require('ts-node')..." is not needed — `npm run bench:excel` compiles and runs it.
 */
import { measureExcelSyncs } from '../src/excel/sim/measure';

export { measureExcelSyncs };

if (require.main === module) {
  const n = Number(process.argv[2] ?? 20000);
  measureExcelSyncs(n).then(
    (m) => console.log(JSON.stringify(m, null, 2)),
    (e) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    },
  );
}
