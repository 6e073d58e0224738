import { LineChart } from '../../charts/line-chart';
import type { TrainingRunState } from '../../hooks/training-run-state';

interface LossCurvesProps {
  state: Pick<TrainingRunState, 'trainLoss' | 'validation'>;
  title: string;
  /** What the validation curve is called where the widget stands ("Validation loss", "Held-out loss"). */
  validationLabel: string;
  height: number;
}

/** A training widget's loss over steps: the training batches' loss, and the validation loss dashed beside it. */
export function LossCurves({ state, title, validationLabel, height }: LossCurvesProps) {
  return (
    <LineChart
      title={title}
      xLabel="Step"
      yLabel="Loss"
      series={[
        { id: 'train', label: 'Training loss (batch)', X: state.trainLoss.steps, Y: state.trainLoss.values, color: 'var(--accent)' },
        { id: 'validation', label: validationLabel, X: state.validation.steps, Y: state.validation.loss, color: 'var(--class-a)', dashed: true },
      ]}
      height={height}
    />
  );
}
