import Table from 'cli-table3';
import stringWidth from 'string-width';
import type { Writable } from 'node:stream';

/** Width of the terminal stdout is, or 80 when it is a pipe or a file (what `ls`, `git` and `gh` assume). */
export function outputWidth(stdout: Writable): number {
  const tty = stdout as Writable & { isTTY?: boolean; columns?: number };
  return tty.isTTY && tty.columns && tty.columns > 0 ? tty.columns : 80;
}

export interface TableSpec {
  head: string[];
  rows: string[][];
  /** The whole table's width, borders included. */
  width: number;
  /** Columns that keep their full width (counts, flags); the others give way, widest first. */
  fixed?: number[];
}

/** Narrowest a shrinking column gets: room for a few characters and the ellipsis. */
const MIN_COLUMN = 8;

/**
 * A table that fits `width`: cells of the widest shrinkable columns are cut with "…" rather than wrapped, one
 * line per row, no separator line between rows (cli-table3 draws, string-width measures wide characters).
 */
export function renderTable(spec: TableSpec): string {
  const cells = [spec.head, ...spec.rows].map((row) => row.map((cell) => cell.replace(/\s*\n\s*/g, '; ')));
  // +2: cli-table3's one space of padding on each side.
  const widths = spec.head.map((_, i) => Math.max(...cells.map((row) => stringWidth(row[i] ?? ''))) + 2);
  const borders = spec.head.length + 1;
  const fixed = new Set(spec.fixed ?? []);
  let over = widths.reduce((a, b) => a + b, 0) + borders - spec.width;
  while (over > 0) {
    const shrinkable = widths.map((w, i) => ({ w, i })).filter(({ w, i }) => !fixed.has(i) && w > MIN_COLUMN);
    if (!shrinkable.length) break;
    const widest = shrinkable.reduce((a, b) => (b.w > a.w ? b : a));
    const next = Math.max(...shrinkable.filter((c) => c.i !== widest.i).map((c) => c.w), MIN_COLUMN);
    const cut = Math.min(over, Math.max(1, widest.w - next));
    widths[widest.i] = widest.w - cut;
    over -= cut;
  }
  const table = new Table({
    head: cells[0],
    colWidths: widths,
    wordWrap: false,
    truncate: '…',
    // compact: the line under the header, none between rows.
    style: { head: [], border: [], compact: true },
  });
  for (const row of cells.slice(1)) table.push(row);
  return table.toString();
}
