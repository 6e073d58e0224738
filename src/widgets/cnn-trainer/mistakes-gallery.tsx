import { memo, useEffect, useRef } from 'react';
import type { Mistake } from './cnn-trainer-state';

const SIDE = 28;

/** One 28×28 image (bytes 0–255) painted white on black, like MNIST. */
function DigitCanvas({ pixels }: { pixels: Uint8Array }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = canvasRef.current?.getContext('2d');
    if (!context) return;
    const image = context.createImageData(SIDE, SIDE);
    for (let i = 0; i < SIDE * SIDE; i++) image.data.set([pixels[i], pixels[i], pixels[i], 255], i * 4);
    context.putImageData(image, 0, 0);
  }, [pixels]);
  return <canvas ref={canvasRef} width={SIDE} height={SIDE} className="cnn-mistake-canvas" aria-hidden="true" />;
}

interface MistakesGalleryProps {
  mistakes: readonly Mistake[];
  /** The 784 pixels of test image `index`. */
  imageOf: (index: number) => Uint8Array;
  classNames: readonly string[];
  selectedIndex: number | null;
  onSelect: (index: number) => void;
}

/** Misclassified test images as buttons ("true → predicted, confidence"); choosing one shows its feature maps. */
export const MistakesGallery = memo(function MistakesGallery({ mistakes, imageOf, classNames, selectedIndex, onSelect }: MistakesGalleryProps) {
  return (
    <ul className="cnn-mistakes" data-testid="cnn-mistakes">
      {mistakes.map((mistake) => (
        <li key={mistake.index}>
          <button
            type="button"
            className="cnn-mistake"
            aria-pressed={selectedIndex === mistake.index}
            aria-label={`Test image ${mistake.index + 1}: a ${classNames[mistake.label]} taken for ${classNames[mistake.predicted]} with ${Math.round(mistake.confidence * 100)} % confidence. Show its feature maps.`}
            onClick={() => onSelect(mistake.index)}
          >
            <DigitCanvas pixels={imageOf(mistake.index)} />
            <span className="cnn-mistake-caption" aria-hidden="true">
              <span>
                {classNames[mistake.label]} → <strong>{classNames[mistake.predicted]}</strong>
              </span>
              <span className="cnn-mistake-confidence">{Math.round(mistake.confidence * 100)} %</span>
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
});
