import { useEffect } from 'react';
import { Link } from 'react-router-dom';
import { CnnSpeedCheck } from '../widgets/lazy-widgets';

/**
 * `/engine`: how the course trains networks in the browser (three TF.js backends and the policy that picks
 * one), with a live LeNet-5 that measures this browser. Linked from the header; instructors can check a
 * projector's laptop here before a lecture.
 */
export function EnginePage() {
  useEffect(() => {
    document.title = 'The training engine · Receptive Field';
  }, []);
  return (
    <article className="lesson" aria-labelledby="engine-title">
      <header className="lesson-header">
        <p className="lesson-kicker">Behind the widgets</p>
        <h1 id="engine-title">How this course trains networks in your browser</h1>
        <p className="lead">
          Every network in these lessons trains on your own machine, in a background thread, through TensorFlow.js. Which of its three backends does the arithmetic depends on the
          network and on your browser; each widget&apos;s badge says which one runs and why, and lets you switch.
        </p>
      </header>
      <div className="lesson-body">
        <h2 id="backends">Three backends</h2>
        <ul>
          <li>
            <strong>WebGL</strong> runs each operation as a shader on the graphics card. On a real GPU it is the fastest choice for convolutions and large layers. Where the browser
            has no usable GPU it emulates one on the processor (SwiftShader in Chrome, llvmpipe on Linux), and then every shader runs on the CPU with a large overhead.
          </li>
          <li>
            <strong>WebAssembly</strong> runs compiled kernels (Google&apos;s XNNPACK, with SIMD instructions) on the processor. It needs no GPU, starts in a fraction of a second
            (no shaders to compile), and costs little per operation.
          </li>
          <li>
            <strong>CPU</strong> is TensorFlow.js&apos;s plain JavaScript backend: it works everywhere, wins for the tiniest networks (where even a call into WebAssembly costs more
            than the arithmetic), and is the last resort when neither of the others can start.
          </li>
        </ul>
        <h2 id="policy">Which one Auto picks</h2>
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Which backend Auto picks, by network and GPU">
          <table>
            <thead>
              <tr>
                <th scope="col">Network</th>
                <th scope="col">A real GPU</th>
                <th scope="col">A software-emulated GPU</th>
                <th scope="col">No WebGL</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">Convolutional, or over 2 million multiply–adds per step</th>
                <td>WebGL</td>
                <td>WebAssembly</td>
                <td>WebAssembly</td>
              </tr>
              <tr>
                <th scope="row">Small and fully connected (the image perceptron, the MLP playground)</th>
                <td>WebAssembly</td>
                <td>WebAssembly</td>
                <td>WebAssembly</td>
              </tr>
              <tr>
                <th scope="row">Tiny: under 250 multiply–adds per step (the point perceptron)</th>
                <td>CPU</td>
                <td>CPU</td>
                <td>CPU</td>
              </tr>
            </tbody>
          </table>
        </div>
        <p>
          The rules come from the course&apos;s benchmark (<code>npm run bench</code>), which trains every workload on all three backends. If a backend cannot start (an old
          browser, a blocked file, a GPU that disappears mid-lesson), the widget falls back to the next one and tells you so. You can pick a backend in any widget&apos;s badge, or
          for a whole page with <code>?backend=webgl</code>, <code>?backend=wasm</code> or <code>?backend=cpu</code> in the address.
        </p>
        <h2 id="measure">Measure this browser</h2>
        <p>
          The widget below trains LeNet-5, the network of the classic-architectures lesson, on handwritten digits. Press Train and watch the examples per second; then switch the
          backend in its badge and compare. Nothing is sent anywhere: the numbers are measured here.
        </p>
        <CnnSpeedCheck />
        <p>
          Back to the <Link to="/">course index</Link>.
        </p>
      </div>
    </article>
  );
}
