import type { MDXComponents } from 'mdx/types';

/**
 * Prose components for every lesson. Widgets are imported by the MDX files themselves, so each lesson's
 * chunk carries only the widgets it uses.
 */
export const mdxComponents: MDXComponents = {
  table: (props) => (
    <div className="table-scroll">
      <table {...props} />
    </div>
  ),
};
