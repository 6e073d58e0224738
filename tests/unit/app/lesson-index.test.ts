import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLessonIndex } from '../../../scripts/lesson-index-plugin';

/** Section ids of the lecture notes (design/syllabus.md); every lesson's `seed` must name some of these. */
const SEED_SECTION_IDS = [
  '1-1',
  '1-2',
  '1-3',
  '1-4',
  '2-1',
  '2-2',
  '2-3',
  '2-4',
  '2-5',
  '2-6',
  '2-7',
  '3',
  '3-1',
  '3-2',
  '3-3',
  '3-4',
  '4-1',
  '4-2-1',
  '4-2-2',
  '4-2-3',
  '4-3-1',
  '4-3-2',
  '4-3-3',
  '5',
  '5-1',
  '5-2',
  '5-3',
  '5-4',
  '5-5',
];

function lessonsFolder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'lessons-'));
  for (const [folder, text] of Object.entries(files)) {
    mkdirSync(join(dir, folder));
    writeFileSync(join(dir, folder, 'index.mdx'), text);
  }
  return dir;
}

const frontmatter = (fields: string) => `---\n${fields}\n---\n\n## Body\n`;

describe('the course lessons', () => {
  const lessons = readLessonIndex(resolve(__dirname, '../../../lessons'));

  it('have unique slugs and orders', () => {
    expect(lessons.length).toBeGreaterThan(0);
    expect(new Set(lessons.map((l) => l.slug)).size).toBe(lessons.length);
    expect(new Set(lessons.map((l) => l.order)).size).toBe(lessons.length);
  });

  it('cite only seed sections that exist', () => {
    for (const lesson of lessons) {
      expect(lesson.seed.length, lesson.slug).toBeGreaterThan(0);
      for (const id of lesson.seed) expect(SEED_SECTION_IDS, `${lesson.slug} cites ${id}`).toContain(id);
    }
  });
});

describe('readLessonIndex', () => {
  it('reads frontmatter, derives the slug from the folder, and sorts by order', () => {
    const dir = lessonsFolder({
      '03-mlp': frontmatter("title: MLPs\norder: 3\nsummary: Layers.\nminutes: 20\nseed: ['2-3']"),
      '02-perceptron': frontmatter("title: Perceptron\norder: 2\nsummary: One unit.\nminutes: 15\nseed: ['2-1', '2-2']"),
    });
    expect(readLessonIndex(dir)).toEqual([
      { slug: 'perceptron', folder: '02-perceptron', title: 'Perceptron', order: 2, summary: 'One unit.', minutes: 15, seed: ['2-1', '2-2'] },
      { slug: 'mlp', folder: '03-mlp', title: 'MLPs', order: 3, summary: 'Layers.', minutes: 20, seed: ['2-3'] },
    ]);
  });

  it('fails the build with the file and field when frontmatter is incomplete', () => {
    const dir = lessonsFolder({ '04-loss': frontmatter("title: Loss\norder: 4\nsummary: x\nseed: ['2-4']") });
    expect(() => readLessonIndex(dir)).toThrow(/04-loss\/index\.mdx: frontmatter field "minutes" is missing or invalid/);
  });

  it('rejects a lesson without frontmatter', () => {
    const dir = lessonsFolder({ '05-sgd': '## No frontmatter\n' });
    expect(() => readLessonIndex(dir)).toThrow(/05-sgd\/index\.mdx: missing frontmatter/);
  });
});
