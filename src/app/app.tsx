import { Route, Routes } from 'react-router-dom';
import { CourseIndexPage } from './course-index-page';
import { LessonPage } from './lesson-page';
import { NotFoundPage } from './not-found-page';
import { SiteLayout } from './site-layout';

/** Routes: `/` course index, `/lessons/:slug` a lesson, anything else a not-found page. */
export function App() {
  return (
    <Routes>
      <Route element={<SiteLayout />}>
        <Route index element={<CourseIndexPage />} />
        <Route path="lessons/:slug" element={<LessonPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
