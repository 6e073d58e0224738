import { useEffect, useState } from 'react';

interface Heading {
  id: string;
  text: string;
  level: 2 | 3;
}

/**
 * "On this page": the h2/h3 headings of the rendered lesson (ids come from rehype-slug at build time).
 * Re-reads the DOM whenever `contentKey` changes, i.e. when a lesson's MDX has rendered.
 */
export function TableOfContents({ contentKey }: { contentKey: string }) {
  const [headings, setHeadings] = useState<Heading[]>([]);

  useEffect(() => {
    if (!contentKey) {
      setHeadings([]);
      return;
    }
    const found = Array.from(document.querySelectorAll<HTMLHeadingElement>('.lesson-body h2[id], .lesson-body h3[id]'));
    setHeadings(found.map((h) => ({ id: h.id, text: h.textContent ?? '', level: h.tagName === 'H2' ? 2 : 3 })));
  }, [contentKey]);

  if (headings.length === 0) return null;
  return (
    <nav className="toc" aria-label="On this page">
      <h2 className="toc-title">On this page</h2>
      <ul>
        {headings.map((heading) => (
          <li key={heading.id} className={heading.level === 3 ? 'toc-sub' : undefined}>
            <a href={`#${heading.id}`}>{heading.text}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
