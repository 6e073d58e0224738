import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { ImageGrid } from '../charts/image-grid';
import { DIGIT_SIZE, paintSegment, preprocessDigit, type StrokePoint } from '../core/math/digit-preprocess';
import './drawing-pad.css';

/** Props of {@link DrawingPad}. */
export interface DrawingPadProps {
  /** Accessible name of the pad (e.g. "Draw a digit"). */
  label: string;
  /**
   * Called with the drawing preprocessed the way MNIST was made (784 values 0..1, row-major 28×28:
   * ink box scaled to 20 px, centred by mass), or null when the pad is empty. Called while a stroke
   * is drawn (at most every 80 ms), when it ends, and on Clear.
   */
  onChange: (pixels: Float32Array | null) => void;
  /** Side of the pad in CSS pixels. Default 224. */
  size?: number;
}

/** Resolution of the raster the strokes are painted into (10 × 28). */
const RASTER = 280;
/** Keyboard cursor step in pad units (Shift: 4×). */
const KEY_STEP = 0.025;
const NOTIFY_INTERVAL_MS = 80;
const EMPTY_DIGIT = new Float32Array(DIGIT_SIZE * DIGIT_SIZE);
const CURSOR_COLOR = '#ff922b';

const clamp01 = (value: number) => Math.min(1, Math.max(0, value));
const percent = (value: number) => `${Math.round(value * 100)} %`;

/**
 * A square drawing pad: white ink on black like MNIST, drawn with a soft round pen by mouse, touch or
 * pen, or with the keyboard (the pad is focusable: arrow keys move a visible cursor, Shift for bigger
 * steps, Space or Enter puts the pen down or lifts it, Escape lifts it, C clears). Next to it, the
 * 28×28 image the network receives. A visually hidden live region says how many strokes there are,
 * whether the pen is down and where the cursor is.
 */
export function DrawingPad({ label, onChange, size = 224 }: DrawingPadProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const rasterRef = useRef(new Float32Array(RASTER * RASTER));
  const strokesRef = useRef<StrokePoint[][]>([]);
  const activePointerRef = useRef<number | null>(null);
  const frameRef = useRef<number | null>(null);
  const lastNotifyRef = useRef(0);
  const onChangeRef = useRef(onChange);
  const instructionsId = useId();
  const [strokeCount, setStrokeCount] = useState(0);
  const [penDown, setPenDown] = useState(false);
  const [cursor, setCursor] = useState<StrokePoint>({ x: 0.5, y: 0.5 });
  const [showCursor, setShowCursor] = useState(false);
  const [digit, setDigit] = useState<Float32Array | null>(null);
  const cursorRef = useRef(cursor);
  const showCursorRef = useRef(showCursor);

  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);

  const paint = useCallback(() => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context) return;
    const image = context.createImageData(RASTER, RASTER);
    const raster = rasterRef.current;
    for (let i = 0; i < raster.length; i++) {
      const v = Math.round(raster[i] * 255);
      image.data[4 * i] = v;
      image.data[4 * i + 1] = v;
      image.data[4 * i + 2] = v;
      image.data[4 * i + 3] = 255;
    }
    context.putImageData(image, 0, 0);
    if (showCursorRef.current) {
      const { x, y } = cursorRef.current;
      context.strokeStyle = CURSOR_COLOR;
      context.lineWidth = 3;
      context.beginPath();
      context.arc(x * RASTER, y * RASTER, RASTER * 0.045, 0, Math.PI * 2);
      context.stroke();
      context.beginPath();
      context.moveTo(x * RASTER - 4, y * RASTER);
      context.lineTo(x * RASTER + 4, y * RASTER);
      context.moveTo(x * RASTER, y * RASTER - 4);
      context.lineTo(x * RASTER, y * RASTER + 4);
      context.stroke();
    }
  }, []);

  const notify = useCallback(() => {
    lastNotifyRef.current = performance.now();
    const pixels = preprocessDigit({ values: rasterRef.current, width: RASTER, height: RASTER });
    setDigit(pixels);
    onChangeRef.current(pixels);
  }, []);

  /** Repaints on the next frame, and passes the drawing on when the last notice is old enough. */
  const schedule = useCallback(() => {
    if (frameRef.current !== null) return;
    const run = () => {
      frameRef.current = null;
      paint();
      if (performance.now() - lastNotifyRef.current >= NOTIFY_INTERVAL_MS) notify();
    };
    if (typeof requestAnimationFrame === 'function') frameRef.current = requestAnimationFrame(run);
    else run();
  }, [paint, notify]);

  useEffect(() => {
    paint();
    return () => {
      if (frameRef.current !== null) cancelAnimationFrame(frameRef.current);
    };
  }, [paint]);

  useEffect(() => {
    cursorRef.current = cursor;
    showCursorRef.current = showCursor;
    paint();
  }, [cursor, showCursor, paint]);

  const startStroke = (point: StrokePoint) => {
    strokesRef.current.push([point]);
    paintSegment(rasterRef.current, RASTER, point, point);
    setStrokeCount(strokesRef.current.length);
    schedule();
  };

  const extendStroke = (point: StrokePoint) => {
    const stroke = strokesRef.current[strokesRef.current.length - 1];
    if (!stroke) return;
    const last = stroke[stroke.length - 1];
    if (last.x === point.x && last.y === point.y) return;
    stroke.push(point);
    paintSegment(rasterRef.current, RASTER, last, point);
    schedule();
  };

  const finishStroke = () => {
    if (frameRef.current !== null) {
      cancelAnimationFrame(frameRef.current);
      frameRef.current = null;
    }
    paint();
    notify();
  };

  const clear = () => {
    strokesRef.current = [];
    rasterRef.current.fill(0);
    activePointerRef.current = null;
    setStrokeCount(0);
    setPenDown(false);
    setDigit(null);
    paint();
    onChangeRef.current(null);
  };

  const pointFromEvent = (event: { clientX: number; clientY: number }): StrokePoint => {
    const rect = canvasRef.current!.getBoundingClientRect();
    const width = rect.width || size;
    const height = rect.height || size;
    return { x: clamp01((event.clientX - rect.left) / width), y: clamp01((event.clientY - rect.top) / height) };
  };

  const onPointerDown = (event: PointerEvent<HTMLCanvasElement>) => {
    if (event.button !== 0 || activePointerRef.current !== null) return;
    event.preventDefault();
    canvasRef.current?.focus();
    canvasRef.current?.setPointerCapture?.(event.pointerId);
    activePointerRef.current = event.pointerId;
    setShowCursor(false);
    startStroke(pointFromEvent(event));
  };

  const onPointerMove = (event: PointerEvent<HTMLCanvasElement>) => {
    if (activePointerRef.current !== event.pointerId) return;
    const native = event.nativeEvent as globalThis.PointerEvent;
    const events = typeof native.getCoalescedEvents === 'function' ? native.getCoalescedEvents() : [];
    for (const coalesced of events.length > 0 ? events : [event]) extendStroke(pointFromEvent(coalesced));
  };

  const onPointerEnd = (event: PointerEvent<HTMLCanvasElement>) => {
    if (activePointerRef.current !== event.pointerId) return;
    activePointerRef.current = null;
    finishStroke();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLCanvasElement>) => {
    const step = event.shiftKey ? KEY_STEP * 4 : KEY_STEP;
    const moves: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      const next = { x: clamp01(cursor.x + move[0]), y: clamp01(cursor.y + move[1]) };
      setCursor(next);
      setShowCursor(true);
      if (penDown) extendStroke(next);
    } else if (event.key === ' ' || event.key === 'Enter') {
      event.preventDefault();
      setShowCursor(true);
      if (penDown) {
        setPenDown(false);
        finishStroke();
      } else {
        setPenDown(true);
        startStroke(cursor);
      }
    } else if (event.key === 'Escape' && penDown) {
      event.preventDefault();
      setPenDown(false);
      finishStroke();
    } else if ((event.key === 'c' || event.key === 'C') && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      clear();
    }
  };

  const seen = useMemo(() => [{ values: digit ?? EMPTY_DIGIT, width: DIGIT_SIZE, height: DIGIT_SIZE }], [digit]);
  const strokesText = strokeCount === 1 ? '1 stroke' : `${strokeCount} strokes`;
  const status = `Drawing: ${strokeCount === 0 ? 'empty' : strokesText}. Pen ${penDown ? 'down' : 'up'}${showCursor ? `, cursor at ${percent(cursor.x)} across, ${percent(cursor.y)} down` : ''}.`;

  return (
    <div className="drawing-pad" data-strokes={strokeCount}>
      <div className="drawing-pad-surface">
        <canvas
          ref={canvasRef}
          className="drawing-pad-canvas"
          width={RASTER}
          height={RASTER}
          style={{ width: `${size}px` }}
          tabIndex={0}
          role="application"
          aria-roledescription="drawing pad"
          aria-label={label}
          aria-describedby={instructionsId}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerEnd}
          onPointerCancel={onPointerEnd}
          onKeyDown={onKeyDown}
          onFocus={() => setShowCursor(true)}
          onBlur={() => setShowCursor(false)}
        />
        <p id={instructionsId} className="drawing-pad-hint" style={{ maxWidth: `${size}px` }}>
          Draw with the mouse, a finger or a pen. Keyboard: arrows move the cursor (Shift: faster), Space or Enter puts the pen down or lifts it, C clears.
        </p>
        <p className="visually-hidden" aria-live="polite">
          {status}
        </p>
      </div>
      <div className="drawing-pad-side">
        <div className="drawing-pad-seen">
          <span className="drawing-pad-seen-title">What the network sees</span>
          <ImageGrid
            images={seen}
            colorMode="grayscale"
            domain={[0, 1]}
            pixelSize={3}
            title={digit ? 'What the network sees: the drawing as a 28×28 image, ink box scaled to 20 pixels and centred by mass' : 'What the network sees: nothing drawn yet'}
          />
        </div>
        <button type="button" className="button" onClick={clear} disabled={strokeCount === 0}>
          Clear
        </button>
      </div>
    </div>
  );
}
