import { join } from 'node:path';
import { readJsonFile, writeJsonFile, type Logger } from '@harmoniq/core';

/** What one window's playlist held: so the next window can avoid repeating it. */
export interface WindowSelection {
  /** `2026-11-24 06:00-11:00`: the window's start date and label. */
  occurrence: string;
  ratingKeys: string[];
}

/** The current window's selection and the one before it (a re-run in the same window avoids the same tracks). */
export interface SelectionHistory {
  current?: WindowSelection;
  previous?: WindowSelection;
}

export const HISTORY_FILE = 'daily-flow-history.json';

/** A missing or unreadable file is an empty history: avoidance is a nicety, never a reason to fail. */
export async function readHistory(dir: string, logger: Logger): Promise<SelectionHistory> {
  const file = join(dir, HISTORY_FILE);
  const read = await readJsonFile(file);
  if (read.status === 'missing') return {};
  if (read.status === 'corrupt' || typeof read.value !== 'object' || read.value === null) {
    logger.warn(`${file} is not valid Daily Flow history; previous tracks are not avoided this time`);
    return {};
  }
  const record = read.value as Record<string, unknown>;
  const current = parseSelection(record.current);
  const previous = parseSelection(record.previous);
  return { ...(current ? { current } : {}), ...(previous ? { previous } : {}) };
}

/** Atomic (temp file + rename, by core's writeJsonFile); a failure only costs the avoidance next time. */
export async function writeHistory(dir: string, history: SelectionHistory, logger: Logger): Promise<void> {
  const file = join(dir, HISTORY_FILE);
  try {
    await writeJsonFile(file, history);
  } catch (error) {
    logger.warn(`Cannot write ${file}; the next window may repeat some tracks`, { error: error instanceof Error ? error.message : String(error) });
  }
}

function parseSelection(value: unknown): WindowSelection | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { occurrence, ratingKeys } = value as Record<string, unknown>;
  if (typeof occurrence !== 'string' || !Array.isArray(ratingKeys)) return undefined;
  return { occurrence, ratingKeys: ratingKeys.filter((k): k is string => typeof k === 'string') };
}
