declare module 'virtual:lesson-index' {
  import type { LessonMeta } from '../scripts/lesson-index-plugin';
  const lessons: LessonMeta[];
  export default lessons;
}
