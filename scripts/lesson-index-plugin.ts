import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Plugin } from 'vite';

/** Frontmatter every lesson must carry (see README "Adding a lesson"). */
export interface LessonMeta {
  slug: string;
  /** Folder name under lessons/, e.g. `02-perceptron`. */
  folder: string;
  title: string;
  order: number;
  summary: string;
  minutes: number;
  seed: string[];
}

const VIRTUAL_ID = 'virtual:lesson-index';
const RESOLVED_ID = '\0' + VIRTUAL_ID;

/**
 * Reads `lessons/<NN-slug>/index.mdx` frontmatter at build time.
 * The slug is the folder name without its numeric prefix (`02-perceptron` → `perceptron`).
 * Throws with the file name when a field is missing, so a broken lesson fails the build, not the reader.
 */
export function readLessonIndex(lessonsDir: string): LessonMeta[] {
  if (!existsSync(lessonsDir)) return [];
  const lessons = readdirSync(lessonsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(lessonsDir, entry.name, 'index.mdx')))
    .map((entry) => {
      const file = join(lessonsDir, entry.name, 'index.mdx');
      const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(file, 'utf8'));
      if (!match) throw new Error(`${file}: missing frontmatter`);
      const data = parseYaml(match[1]) as Record<string, unknown>;
      const slug = entry.name.replace(/^\d+-/, '');
      const field = <T>(name: string, check: (value: unknown) => boolean): T => {
        if (!check(data[name])) throw new Error(`${file}: frontmatter field "${name}" is missing or invalid`);
        return data[name] as T;
      };
      return {
        slug,
        folder: entry.name,
        title: field<string>('title', (v) => typeof v === 'string' && v.length > 0),
        order: field<number>('order', (v) => typeof v === 'number'),
        summary: field<string>('summary', (v) => typeof v === 'string'),
        minutes: field<number>('minutes', (v) => typeof v === 'number' && v > 0),
        seed: field<string[]>('seed', (v) => Array.isArray(v) && v.every((id) => typeof id === 'string' || typeof id === 'number')).map(String),
      };
    });
  return lessons.sort((a, b) => a.order - b.order);
}

/** Serves `virtual:lesson-index`: the lesson list (metadata only, no lesson code) for the course index and navigation. */
export function lessonIndexPlugin(): Plugin {
  let lessonsDir = '';
  return {
    name: 'receptive-field:lesson-index',
    configResolved(config) {
      lessonsDir = resolve(config.root, 'lessons');
    },
    resolveId(id) {
      return id === VIRTUAL_ID ? RESOLVED_ID : undefined;
    },
    load(id) {
      if (id !== RESOLVED_ID) return undefined;
      for (const entry of existsSync(lessonsDir) ? readdirSync(lessonsDir) : []) {
        const file = join(lessonsDir, entry, 'index.mdx');
        if (existsSync(file)) this.addWatchFile(file);
      }
      return `export default ${JSON.stringify(readLessonIndex(lessonsDir))};`;
    },
  };
}
