import { choiceSetting, type SettingsSchema } from '../../core/url/shared-settings';
import { HUMAN_TOP5_ERROR, IMAGENET_YEARS, type ImagenetYear } from './imagenet-history-data';

/*
 * ImageNet history: which year is selected (the share link), moving between years with the keyboard, and the
 * sentences the chart and its text alternative read out. Pure; runs under Node.
 */

export const YEAR_CHOICES: readonly string[] = IMAGENET_YEARS.map((entry) => String(entry.year));

export interface ImagenetHistorySettings {
  /** The selected year, as text ("2012"). */
  year: string;
}

export const DEFAULT_SETTINGS: ImagenetHistorySettings = { year: '2012' };

export const settingsSchema: SettingsSchema<ImagenetHistorySettings> = { year: choiceSetting('Year', YEAR_CHOICES) };

/** The entry of a year (the default year's when it is not one of the challenge's years). */
export function findYear(year: string | number): ImagenetYear {
  return IMAGENET_YEARS.find((entry) => String(entry.year) === String(year)) ?? IMAGENET_YEARS.find((entry) => String(entry.year) === DEFAULT_SETTINGS.year)!;
}

/**
 * The year a key press moves to from `year`: ArrowLeft/ArrowUp earlier, ArrowRight/ArrowDown later (stopping at
 * the ends), Home the first, End the last; null for any other key.
 */
export function yearAfterKey(year: string, key: string): string | null {
  const index = Math.max(0, YEAR_CHOICES.indexOf(year));
  const last = YEAR_CHOICES.length - 1;
  switch (key) {
    case 'ArrowLeft':
    case 'ArrowUp':
      return YEAR_CHOICES[Math.max(0, index - 1)];
    case 'ArrowRight':
    case 'ArrowDown':
      return YEAR_CHOICES[Math.min(last, index + 1)];
    case 'Home':
      return YEAR_CHOICES[0];
    case 'End':
      return YEAR_CHOICES[last];
    default:
      return null;
  }
}

/** A percentage for reading: 28.2 %, 3.57 %, 2.25 %. */
export function formatPercent(value: number): string {
  return `${value} %`;
}

/** Relative change of the winning error from the year before, in percent (negative: it fell); null for the first year. */
export function relativeChange(year: number): number | null {
  const index = IMAGENET_YEARS.findIndex((entry) => entry.year === year);
  if (index <= 0) return null;
  const before = IMAGENET_YEARS[index - 1].winner.top5Error;
  return ((IMAGENET_YEARS[index].winner.top5Error - before) / before) * 100;
}

/** The accessible name of one bar: year, team, model and error, and how it compares with the human reference. */
export function barLabel(entry: ImagenetYear): string {
  const human = entry.winner.top5Error < HUMAN_TOP5_ERROR.top5Error ? 'below' : 'above';
  return `${entry.year}: ${entry.winner.team} (${entry.winner.model}), top-5 error ${formatPercent(entry.winner.top5Error)}, ${human} the human ${formatPercent(HUMAN_TOP5_ERROR.top5Error)}. ${entry.idea}.`;
}

/** One sentence for the selected year: the error and how much it fell from the year before. */
export function changeSentence(entry: ImagenetYear): string {
  const change = relativeChange(entry.year);
  if (change === null) return `The first challenge: the best entry missed the right class in its five guesses on ${formatPercent(entry.winner.top5Error)} of the test images.`;
  const previous = IMAGENET_YEARS[IMAGENET_YEARS.findIndex((item) => item.year === entry.year) - 1];
  return `${formatPercent(entry.winner.top5Error)}, down from ${formatPercent(previous.winner.top5Error)} the year before: ${Math.round(-change)} % fewer errors.`;
}

/** The chart's summary for screen readers: the fall from the first year to the last, and where the human line is crossed. */
export function chartSummary(): string {
  const first = IMAGENET_YEARS[0];
  const last = IMAGENET_YEARS[IMAGENET_YEARS.length - 1];
  const crossing = IMAGENET_YEARS.find((entry) => entry.winner.top5Error < HUMAN_TOP5_ERROR.top5Error);
  return (
    `Bar chart of the winning top-5 error of the ImageNet challenge (ILSVRC) from ${first.year} to ${last.year}: ` +
    `from ${formatPercent(first.winner.top5Error)} to ${formatPercent(last.winner.top5Error)}. ` +
    `The human reference line is at ${formatPercent(HUMAN_TOP5_ERROR.top5Error)}; the winner first falls below it in ${crossing?.year}. ` +
    `Use the arrow keys to move between years.`
  );
}
