/** Modules the offline page's bundle provides that have no types of their own. */

/** A pdf.js character map, inlined by webpack as a data: URL (asset/inline). */
declare module '*.bcmap' {
  const dataUrl: string;
  export default dataUrl;
}

/** pdf.js's worker code, run on the page's own thread (pdf.js's "fake worker"). */
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
