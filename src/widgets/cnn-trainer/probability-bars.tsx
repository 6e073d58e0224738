import { memo } from 'react';

interface ProbabilityBarsProps {
  probabilities: ArrayLike<number>;
  classNames: readonly string[];
  title: string;
}

/** The class probabilities as horizontal bars, the most probable class highlighted, with the percentages as text. */
export const ProbabilityBars = memo(function ProbabilityBars({ probabilities, classNames, title }: ProbabilityBarsProps) {
  let best = 0;
  for (let i = 1; i < probabilities.length; i++) if (probabilities[i] > probabilities[best]) best = i;
  return (
    <figure className="cnn-probabilities" aria-label={title} data-testid="cnn-probabilities">
      <ol className="cnn-probability-list">
        {classNames.map((name, i) => {
          const p = probabilities[i] ?? 0;
          return (
            <li key={name} className={i === best ? 'is-best' : undefined}>
              <span className="cnn-probability-name">{name}</span>
              <span className="cnn-probability-track" aria-hidden="true">
                <span className="cnn-probability-bar" style={{ width: `${Math.max(0.5, p * 100)}%` }} />
              </span>
              <span className="cnn-probability-value">{(p * 100).toFixed(1)} %</span>
            </li>
          );
        })}
      </ol>
    </figure>
  );
});
