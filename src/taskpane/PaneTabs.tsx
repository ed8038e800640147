/**
 * The pane's tabs: an ARIA tab list of our own (roving tabindex; ←/→, Home/End move and select),
 * drawn like Fluent's small tabs. Fluent's TabList puts focus-redirecting <i tabindex="0"
 * aria-hidden="true"> elements around its tabs (tabster's dummy inputs), which axe-core reports
 * as aria-hidden-focus; these tabs need none.
 */
import React, { useRef } from 'react';
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';

export interface PaneTab {
  value: string;
  label: string;
  testId: string;
}

const useStyles = makeStyles({
  list: { display: 'flex', flexWrap: 'wrap', gap: '2px' },
  tab: {
    position: 'relative',
    padding: '6px 8px',
    border: 'none',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: 'transparent',
    color: tokens.colorNeutralForeground2,
    fontFamily: 'inherit',
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover, color: tokens.colorNeutralForeground1 },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' },
  },
  selected: {
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightSemibold,
    '::after': {
      content: '""',
      position: 'absolute',
      left: '8px',
      right: '8px',
      bottom: 0,
      height: '2px',
      borderRadius: tokens.borderRadiusCircular,
      backgroundColor: tokens.colorCompoundBrandStroke,
    },
  },
});

export const tabId = (prefix: string, value: string) => `${prefix}-tab-${value}`;
export const panelId = (prefix: string) => `${prefix}-panel`;

export function PaneTabs({ tabs, selected, onSelect, label, idPrefix }: { tabs: PaneTab[]; selected: string; onSelect(value: string): void; label: string; idPrefix: string }) {
  const s = useStyles();
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const onKeyDown = (e: React.KeyboardEvent, i: number) => {
    const n = tabs.length;
    const j = e.key === 'ArrowRight' ? (i + 1) % n : e.key === 'ArrowLeft' ? (i - 1 + n) % n : e.key === 'Home' ? 0 : e.key === 'End' ? n - 1 : -1;
    if (j < 0) return;
    e.preventDefault();
    onSelect(tabs[j].value);
    refs.current[j]?.focus();
  };
  return (
    <div role="tablist" aria-label={label} className={s.list}>
      {tabs.map((t, i) => {
        const on = t.value === selected;
        return (
          <button
            key={t.value}
            ref={(el) => {
              refs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={tabId(idPrefix, t.value)}
            aria-selected={on}
            aria-controls={panelId(idPrefix)}
            tabIndex={on ? 0 : -1}
            className={mergeClasses(s.tab, on && s.selected)}
            onClick={() => onSelect(t.value)}
            onKeyDown={(e) => onKeyDown(e, i)}
            data-testid={t.testId}
          >
            {t.label}
          </button>
        );
      })}
    </div>
  );
}
