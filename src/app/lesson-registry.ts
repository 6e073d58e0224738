import type { ComponentType } from 'react';
import lessonIndex from 'virtual:lesson-index';

/** Every lesson's metadata, sorted by `order` (read from frontmatter at build time, no lesson code). */
export const lessons = lessonIndex;

type LessonModule = { default: ComponentType };

/** Lazy loaders for each lesson's compiled MDX, keyed by folder name; each lesson is its own chunk. */
const lessonLoaders = import.meta.glob<LessonModule>('../../lessons/*/index.mdx');

/** Finds a lesson by slug; undefined for unknown slugs. */
export function findLesson(slug: string | undefined) {
  return lessons.find((lesson) => lesson.slug === slug);
}

/** Loads the compiled MDX component of a lesson folder. */
export function loadLessonContent(folder: string): Promise<LessonModule> {
  const loader = lessonLoaders[`../../lessons/${folder}/index.mdx`];
  if (!loader) return Promise.reject(new Error(`No MDX file for lesson folder ${folder}`));
  return loader();
}
