// Draws Vega specs to SVG off the main thread: parsing and laying out a chart takes
// tens of milliseconds of CPU, which on the main thread would delay every platform
// acknowledgement queued behind it. Plain JavaScript so it runs under tsx and vitest alike.
import { parentPort } from 'node:worker_threads';
import * as vega from 'vega';

parentPort.on('message', async ({ id, spec }) => {
  try {
    const view = new vega.View(vega.parse(spec), { renderer: 'none' });
    try {
      parentPort.postMessage({ id, svg: await view.toSVG() });
    } finally {
      view.finalize();
    }
  } catch (error) {
    parentPort.postMessage({ id, error: String(error?.message ?? error) });
  }
});
