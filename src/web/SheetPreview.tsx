/**
 * Where 「定位」 goes in the offline page: the rows of the sheet around the finding's cell, the
 * cell outlined and its related cells shaded, as Excel would select them. Read-only.
 */
import React, { useEffect, useRef } from 'react';
import { WorkbookSnapshot } from '../core/snapshot';
import { NavigateTarget } from '../taskpane/host';
import { sheetPreview } from './sheet-preview';

export function SheetPreview({ snapshot, target, onClose }: { snapshot: WorkbookSnapshot; target: NavigateTarget; onClose: () => void }) {
  const outcome = sheetPreview(snapshot, target);
  const scroller = useRef<HTMLDivElement>(null);
  // A wide window scrolls sideways: bring the cell to the middle, without scrolling the page itself.
  useEffect(() => {
    const box = scroller.current;
    const cell = box?.querySelector<HTMLElement>('td.target');
    if (box && cell) box.scrollLeft = Math.max(0, cell.offsetLeft - (box.clientWidth - cell.offsetWidth) / 2);
  }, [target]);
  const title = `${target.sheet}!${target.cell}`;
  return (
    <section className="preview" aria-label={`工作表预览 Sheet preview: ${title}`} data-testid="sheet-preview">
      <div className="preview-head">
        <h2>
          {title} <span className="en">工作表预览 · Sheet preview</span>
        </h2>
        <button type="button" className="button small" onClick={onClose} aria-label="关闭预览 Close the preview">
          ×
        </button>
      </div>
      {outcome.status !== 'ok' ? (
        <p className="preview-note" data-testid="preview-missing">
          {outcome.status === 'no-sheet'
            ? `工作簿中没有“${outcome.sheet}”工作表。 The workbook has no sheet “${outcome.sheet}”.`
            : `无法定位 ${outcome.cell}。 Cannot show ${outcome.cell}.`}
        </p>
      ) : (
        <>
          <div className="preview-scroll" ref={scroller}>
            <table className="sheet">
              <thead>
                <tr>
                  <td className="corner" />
                  {outcome.preview.columns.map((c) => (
                    <th key={c.name} className={c.gapBefore ? 'gap' : undefined} scope="col">
                      {c.name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {outcome.preview.rows.map((r) => (
                  <tr key={r.row} className={r.gapBefore ? 'gap' : undefined}>
                    <th scope="row">{r.row}</th>
                    {r.cells.map((c, i) => (
                      <td
                        key={c.address}
                        className={[c.numeric ? 'num' : '', c.mark ?? '', outcome.preview.columns[i].gapBefore ? 'gap' : ''].filter(Boolean).join(' ') || undefined}
                        title={c.text ? `${c.address}: ${c.text}` : c.address}
                        data-cell={c.address}
                        aria-current={c.mark === 'target' ? 'location' : undefined}
                      >
                        {c.text}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="preview-note">
            <span className="swatch target" /> 所指单元格 the cell <span className="swatch related" /> 相关单元格 related cells
            {outcome.preview.relatedOutside > 0 && ` · 另有 ${outcome.preview.relatedOutside} 个相关单元格不在此范围内 (${outcome.preview.relatedOutside} more out of view)`}
            {outcome.preview.relatedElsewhere.length > 0 && ` · 其他工作表 other sheets: ${outcome.preview.relatedElsewhere.slice(0, 5).join('、')}${outcome.preview.relatedElsewhere.length > 5 ? '…' : ''}`}
          </p>
        </>
      )}
    </section>
  );
}
