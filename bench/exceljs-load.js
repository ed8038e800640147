// The baseline for the CLI: a fresh Node process that only loads the .xlsx with ExcelJS.
const ExcelJS = require('exceljs');
new ExcelJS.Workbook().xlsx.readFile(process.argv[2]).then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(String(e) + '\n');
    process.exit(2);
  },
);
