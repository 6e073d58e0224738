import { useEffect } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { lessons } from './lesson-registry';

/** Any unknown route: says what was asked for and offers the way back. */
export function NotFoundPage() {
  const { pathname } = useLocation();
  useEffect(() => {
    document.title = 'Page not found · Receptive Field';
  }, []);
  return (
    <div className="not-found">
      <h1>Page not found</h1>
      <p>
        There is no page at <code>{pathname}</code>. It may have moved, or the link may be mistyped.
      </p>
      <p>
        Go back to the <Link to="/">course index</Link>
        {lessons[0] ? (
          <>
            {' '}
            or start with <Link to={`/lessons/${lessons[0].slug}`}>{lessons[0].title}</Link>
          </>
        ) : null}
        .
      </p>
    </div>
  );
}
