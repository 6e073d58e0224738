/**
 * What a widget says when its share link held settings it could not use (garbage, out of range): each problem,
 * and that the defaults are shown instead. Renders nothing when the link was fine.
 */
export function LinkProblemsNotice({ problems }: { problems: readonly string[] }) {
  if (problems.length === 0) return null;
  return <p className="widget-notice">This link had settings that could not be used: {problems.join('; ')}. Defaults are shown instead.</p>;
}
