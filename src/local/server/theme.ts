// The colours of the pages come from the workbook model (owner colours of the tracking file, completeness
// palette), served as a stylesheet of classes so the Content-Security-Policy can forbid inline styles. Colours are
// validated #RRGGBB by the tracking-file schema before they reach this CSS.
import { COMPLETENESS_COLORS } from '../../domain/workbook/synthesis-sheet';
import { legendSheet } from '../../domain/workbook/legend-sheet';
import { suiviSheet } from '../../domain/workbook/suivi-sheet';
import type { Completeness } from '../../domain/calendar';
import type { TrackingFile } from '../../schema/tracking-file';

const HEX = /^#[0-9A-Fa-f]{6}$/;

/** The class that paints a cell with a model colour. */
export function fillClass(hex: string): string {
  return `fill-${hex.slice(1).toLowerCase()}`;
}

export function statusClass(status: Completeness): string {
  return fillClass(COMPLETENESS_COLORS[status]);
}

export function themeCss(tracking: TrackingFile): string {
  const colours = new Set<string>(Object.values(COMPLETENESS_COLORS));
  for (const sheet of [suiviSheet(tracking, [], []), legendSheet(tracking)])
    for (const { style } of sheet.styles) if (style.fill) colours.add(style.fill);
  return (
    [...colours]
      .filter((c) => HEX.test(c))
      // !important: the DSFR paints table rows (zebra stripes) with more specific selectors.
      .map((c) => `.${fillClass(c)} { background-color: ${c.toLowerCase()} !important; color: #161616; }`)
      .join('\n')
      .concat('\n')
  );
}
