import { Route, Routes } from 'react-router-dom';
import { CourseIndexPage } from './course-index-page';
import { EnginePage } from './engine-page';
import { LessonPage } from './lesson-page';
import { NotFoundPage } from './not-found-page';
import { SiteLayout } from './site-layout';

/** Routes: `/` course index, `/lessons/:slug` a lesson, `/engine` how training works here, anything else a not-found page. */
export function App() {
  return (
    <Routes>
      <Route element={<SiteLayout />}>
        <Route index element={<CourseIndexPage />} />
        <Route path="lessons/:slug" element={<LessonPage />} />
        <Route path="engine" element={<EnginePage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
