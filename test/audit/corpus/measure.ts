/** Runs the audit over the corpus: recall on planted slips, false errors on clean paragraphs. */
import { auditText, AuditFinding } from '../../../src/core/audit';
import { normalizeText } from '../../../src/core/audit/normalize';
import { CORPUS, PlantedSlip } from './documents';

export interface CorpusMeasure {
  documents: number;
  paragraphs: number;
  cleanParagraphs: number;
  planted: number;
  found: number;
  missed: { doc: string; slip: PlantedSlip }[];
  /** Error-level findings on paragraphs with no planted slip. */
  falseErrors: { doc: string; finding: AuditFinding }[];
  /** Warnings and notices on clean paragraphs (allowed, but counted). */
  cleanWarnings: number;
  cleanNotices: number;
  /** Error findings on slipped paragraphs that match no annotation (extra, but true, echoes). */
  extraOnSlipped: number;
}

function overlaps(paragraph: string, f: AuditFinding, slip: PlantedSlip): boolean {
  const text = normalizeText(slip.text);
  const norm = normalizeText(paragraph);
  let at = norm.indexOf(text);
  while (at >= 0) {
    if (at < f.end && at + text.length > f.start) return true;
    at = norm.indexOf(text, at + 1);
  }
  return false;
}

export function measureCorpus(): CorpusMeasure {
  const m: CorpusMeasure = { documents: 0, paragraphs: 0, cleanParagraphs: 0, planted: 0, found: 0, missed: [], falseErrors: [], cleanWarnings: 0, cleanNotices: 0, extraOnSlipped: 0 };
  for (const doc of CORPUS) {
    m.documents++;
    m.paragraphs += doc.paragraphs.length;
    const slipped = new Set(doc.slips.map((s) => s.paragraph));
    m.cleanParagraphs += doc.paragraphs.length - slipped.size;
    const { findings } = auditText(doc.paragraphs);
    const used = new Set<AuditFinding>();
    for (const slip of doc.slips) {
      m.planted++;
      const hit = findings.find((f) => f.paragraph === slip.paragraph && f.rule === slip.rule && f.severity !== 'info' && overlaps(doc.paragraphs[f.paragraph - 1], f, slip));
      if (hit) {
        m.found++;
        used.add(hit);
      } else m.missed.push({ doc: doc.name, slip });
    }
    for (const f of findings) {
      if (slipped.has(f.paragraph)) {
        if (!used.has(f) && f.severity === 'error') m.extraOnSlipped++;
        continue;
      }
      if (f.severity === 'error') m.falseErrors.push({ doc: doc.name, finding: f });
      else if (f.severity === 'warning') m.cleanWarnings++;
      else m.cleanNotices++;
    }
  }
  return m;
}
