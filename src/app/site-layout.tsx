import { Link, NavLink, Outlet } from 'react-router-dom';
import { lessons } from './lesson-registry';
import { useTheme } from './theme';

/** Header, lesson sidebar and the routed page. */
export function SiteLayout() {
  const { theme, toggleTheme } = useTheme();
  return (
    <div className="site">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <Link to="/" className="site-title">
          <span aria-hidden="true" className="site-logo">
            ▦
          </span>{' '}
          Receptive Field
        </Link>
        <NavLink to="/engine" className="header-link">
          How it trains
        </NavLink>
        <button type="button" className="theme-toggle" onClick={toggleTheme} aria-label={theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'}>
          {theme === 'dark' ? '☀' : '☾'}
          <span className="theme-toggle-word"> {theme === 'dark' ? 'Light' : 'Dark'}</span>
        </button>
      </header>
      <div className="site-body">
        <nav className="lesson-nav" aria-label="Lessons">
          <h2 className="lesson-nav-title">Lessons</h2>
          <ol>
            {lessons.map((lesson) => (
              <li key={lesson.slug}>
                <NavLink to={`/lessons/${lesson.slug}`}>
                  <span className="lesson-nav-order">{lesson.order}</span> {lesson.title}
                </NavLink>
              </li>
            ))}
          </ol>
        </nav>
        <main id="main" className="site-main" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
    </div>
  );
}
