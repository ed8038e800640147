/**
 * A PDF whose Chinese text is set in a font the file does not embed (STSong-Light, UniGB-UCS2-H),
 * as older tools and some 公开 systems write it: its text can only be read through pdf.js's
 * character maps (UniGB-UCS2-H, then Adobe-GB1-UCS2). Each paragraph is set in lines of 44 full-width
 * cells with its first line indented two, paragraphs a blank line apart, on one A4 page.
 */
export function cidFontPdf(lines: string[]): Buffer {
  const hex = (s: string) => [...s].map((c) => c.charCodeAt(0).toString(16).padStart(4, '0')).join('');
  const size = 10.5;
  const body = ['BT', `/F1 ${size} Tf`];
  let y = 800;
  for (const para of lines) {
    const chars = [...para];
    for (let i = 0, first = true; i < chars.length; first = false) {
      const take = first ? 42 : 44;
      body.push(`1 0 0 1 ${50 + (first ? 2 * size : 0)} ${y} Tm`, `<${hex(chars.slice(i, i + take).join(''))}> Tj`);
      i += take;
      y -= 16;
    }
    y -= 8;
  }
  body.push('ET');
  const stream = body.join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>',
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 7 0 R /DW 1000 >>',
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'));
    pdf += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}
