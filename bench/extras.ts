/** Figures from the other parts of the product: the Office.js host's round trips. */
import { measureExcelSyncs } from '../src/excel/sim/measure';

export async function extraFigures(log: (s: string) => void, projects: number): Promise<Record<string, number | boolean>> {
  const excel = await measureExcelSyncs(projects);
  log(`Excel host (simulated): ${excel.syncsPerValidate} syncs and ${excel.payloadBytesPerValidate} bytes per validate read, ${excel.syncsPerHighlight} syncs per highlight`);
  return {
    syncsPerValidate: excel.syncsPerValidate,
    syncsPerHighlight: excel.syncsPerHighlight,
    syncsPerClear: excel.syncsPerClear,
    payloadBytesPerValidate: excel.payloadBytesPerValidate,
    syncsPerValidateWebCap: excel.webCap.syncsPerValidate,
    highlightRoundTripExact: excel.roundTripExact,
  };
}
