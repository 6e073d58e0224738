import { useEffect, useState, type ComponentType } from 'react';
import { Link, useParams } from 'react-router-dom';
import { MDXProvider } from '@mdx-js/react';
import { findLesson, lessons, loadLessonContent } from './lesson-registry';
import { mdxComponents } from './mdx-components';
import { NotFoundPage } from './not-found-page';
import { TableOfContents } from './table-of-contents';

type LoadState = { status: 'loading' } | { status: 'loaded'; Content: ComponentType } | { status: 'failed'; message: string };

/** `/lessons/:slug`: the lesson's MDX (its own chunk), an in-page table of contents and previous/next links. */
export function LessonPage() {
  const { slug } = useParams();
  const lesson = findLesson(slug);
  const [load, setLoad] = useState<LoadState>({ status: 'loading' });

  useEffect(() => {
    if (!lesson) return;
    let cancelled = false;
    setLoad({ status: 'loading' });
    document.title = `${lesson.title} · Receptive Field`;
    loadLessonContent(lesson.folder).then(
      (module) => !cancelled && setLoad({ status: 'loaded', Content: module.default }),
      (error: unknown) => !cancelled && setLoad({ status: 'failed', message: String(error) }),
    );
    return () => {
      cancelled = true;
    };
  }, [lesson]);

  if (!lesson) return <NotFoundPage />;
  const position = lessons.indexOf(lesson);
  const previous = lessons[position - 1];
  const next = lessons[position + 1];

  return (
    <div className="lesson-layout">
      <article className="lesson" aria-labelledby="lesson-title">
        <header className="lesson-header">
          <p className="lesson-kicker">
            Lesson {lesson.order} · {lesson.minutes} min read
          </p>
          <h1 id="lesson-title">{lesson.title}</h1>
          <p className="lead">{lesson.summary}</p>
        </header>
        {load.status === 'loading' && <p aria-live="polite">Loading lesson…</p>}
        {load.status === 'failed' && <p role="alert">This lesson could not be loaded ({load.message}). Check your connection and reload the page.</p>}
        {load.status === 'loaded' && (
          <div className="lesson-body">
            <MDXProvider components={mdxComponents}>
              <load.Content />
            </MDXProvider>
          </div>
        )}
        <nav className="lesson-pager" aria-label="Previous and next lesson">
          {previous ? (
            <Link rel="prev" to={`/lessons/${previous.slug}`}>
              ← {previous.title}
            </Link>
          ) : (
            <span />
          )}
          {next ? (
            <Link rel="next" to={`/lessons/${next.slug}`}>
              {next.title} →
            </Link>
          ) : (
            <Link to="/">Course index →</Link>
          )}
        </nav>
      </article>
      <TableOfContents contentKey={load.status === 'loaded' ? lesson.slug : ''} />
    </div>
  );
}
