import { describe, expect, it } from 'vitest';
import { readSharedSettings } from '../../../../src/core/url/shared-settings';
import { HUMAN_TOP5_ERROR, IMAGENET_YEARS } from '../../../../src/widgets/imagenet-history/imagenet-history-data';
import {
  barLabel,
  changeSentence,
  chartSummary,
  DEFAULT_SETTINGS,
  findYear,
  relativeChange,
  settingsSchema,
  yearAfterKey,
} from '../../../../src/widgets/imagenet-history/imagenet-history-state';

describe('ImageNet history data', () => {
  it('has one winner per year from 2010 to 2017, each with a source', () => {
    expect(IMAGENET_YEARS.map((entry) => entry.year)).toEqual([2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017]);
    for (const entry of IMAGENET_YEARS) {
      expect(entry.winner.source.length).toBeGreaterThan(20);
      expect(entry.changed.length).toBeGreaterThan(40);
    }
    expect(IMAGENET_YEARS.find((entry) => entry.year === 2014)!.runnerUp?.source).toMatch(/Simonyan/);
  });

  it('holds the verified figures', () => {
    const errors = Object.fromEntries(IMAGENET_YEARS.map((entry) => [entry.year, entry.winner.top5Error]));
    expect(errors).toEqual({ 2010: 28.2, 2011: 25.8, 2012: 16.4, 2013: 11.7, 2014: 6.7, 2015: 3.57, 2016: 2.99, 2017: 2.25 });
    expect(findYear(2014).runnerUp?.top5Error).toBe(7.3);
    expect(HUMAN_TOP5_ERROR.top5Error).toBe(5.1);
  });

  it('falls every year', () => {
    for (let i = 1; i < IMAGENET_YEARS.length; i += 1) expect(IMAGENET_YEARS[i].winner.top5Error).toBeLessThan(IMAGENET_YEARS[i - 1].winner.top5Error);
  });
});

describe('ImageNet history state', () => {
  it('moves between years with the arrow keys, Home and End, stopping at the ends', () => {
    expect(yearAfterKey('2012', 'ArrowRight')).toBe('2013');
    expect(yearAfterKey('2012', 'ArrowDown')).toBe('2013');
    expect(yearAfterKey('2012', 'ArrowLeft')).toBe('2011');
    expect(yearAfterKey('2010', 'ArrowLeft')).toBe('2010');
    expect(yearAfterKey('2017', 'ArrowRight')).toBe('2017');
    expect(yearAfterKey('2013', 'Home')).toBe('2010');
    expect(yearAfterKey('2013', 'End')).toBe('2017');
    expect(yearAfterKey('2013', 'a')).toBeNull();
  });

  it('computes the relative fall: AlexNet cut the error by (25.8 − 16.4)/25.8 ≈ 36 %', () => {
    expect(relativeChange(2010)).toBeNull();
    expect(relativeChange(2012)).toBeCloseTo(((16.4 - 25.8) / 25.8) * 100, 10);
    expect(changeSentence(findYear(2012))).toBe('16.4 %, down from 25.8 % the year before: 36 % fewer errors.');
    // SENet's "25 % relative improvement over 2016": (2.99 − 2.25)/2.99 ≈ 24.7 %.
    expect(Math.round(-relativeChange(2017)!)).toBe(25);
  });

  it('labels bars and the chart for screen readers', () => {
    expect(barLabel(findYear(2015))).toContain('below the human 5.1 %');
    expect(barLabel(findYear(2014))).toContain('above the human 5.1 %');
    expect(chartSummary()).toContain('first falls below it in 2015');
  });

  it('reads the year from the share link, and reports a year that is not one', () => {
    expect(readSharedSettings('?imagenet.year=2015', 'imagenet', settingsSchema, DEFAULT_SETTINGS).values.year).toBe('2015');
    const bad = readSharedSettings('?imagenet.year=1999', 'imagenet', settingsSchema, DEFAULT_SETTINGS);
    expect(bad.values).toEqual(DEFAULT_SETTINGS);
    expect(bad.problems[0]).toMatch(/Year "1999"/);
    expect(findYear('nonsense').year).toBe(2012);
  });
});
