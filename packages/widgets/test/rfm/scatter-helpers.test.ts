import { describe, expect, test } from 'vitest';
import { paintDots, type DotContext } from '../../src/charts/scatter-canvas.js';
import { createHitIndex } from '../../src/charts/scatter-hit.js';
import { axisScale, logTicks, renderMode, scatterPoints } from '../../src/charts/scatter-points.js';

describe('hit index', () => {
  const points = [
    { px: 10, py: 10 },
    { px: 20, py: 10 },
    { px: 14, py: 10 },
    { px: 200, py: 200 },
  ];
  const index = createHitIndex(points, 16);

  test('picks the nearest point within the distance', () => {
    // (13, 10): 3 px from #0, 7 from #1, 1 from #2.
    expect(index.nearest(13, 10, 12)).toBe(2);
    // (19, 12): #1 is sqrt(1 + 4) = 2.24 px away, #2 sqrt(25 + 4) = 5.39.
    expect(index.nearest(19, 12, 12)).toBe(1);
    // Across cell borders: (195, 205) is sqrt(25 + 25) = 7.07 px from #3.
    expect(index.nearest(195, 205, 12)).toBe(3);
  });

  test('nothing beyond the distance; ties go to the point drawn last', () => {
    expect(index.nearest(100, 100, 12)).toBe(-1);
    expect(index.nearest(200, 213, 12)).toBe(-1);
    const tied = createHitIndex([{ px: 0, py: 0 }, { px: 10, py: 0 }], 4);
    expect(tied.nearest(5, 0, 12)).toBe(1);
  });

  test('agrees with a brute-force search on 2,000 scattered points', () => {
    let seed = 1;
    const next = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const many = Array.from({ length: 2000 }, () => ({ px: next() * 500, py: next() * 300 }));
    const grid = createHitIndex(many, 16);
    for (let k = 0; k < 200; k++) {
      const x = next() * 500;
      const y = next() * 300;
      let best = -1;
      let bestD = 12 * 12;
      many.forEach((p, i) => {
        const d = (p.px - x) ** 2 + (p.py - y) ** 2;
        if (d < bestD || (d === bestD && i > best)) [best, bestD] = [i, d];
      });
      expect(grid.nearest(x, y, 12)).toBe(best);
    }
  });
});

describe('scatter points and scales', () => {
  test('rows without a finite x or y are skipped; categories and ids read', () => {
    const rows = [
      { client: 'a', x: 1, y: 2, segment: 'Lost' },
      { client: 'b', x: null, y: 2, segment: 'Lost' },
      { client: 'c', x: '3', y: 4, segment: '' },
    ];
    expect(scatterPoints(rows, { x: 'x', y: 'y', category: 'segment', id: 'client' }).map((p) => [p.index, p.x, p.y, p.category, p.id])).toEqual([
      [0, 1, 2, 'Lost', 'a'],
      [2, 3, 4, null, 'c'],
    ]);
  });

  test('render mode switches above the threshold', () => {
    expect([renderMode(2000), renderMode(2001), renderMode(10, 5)]).toEqual(['svg', 'canvas', 'canvas']);
  });

  test('linear axes are widened to nice numbers; log axes are log1p', () => {
    const linear = axisScale('linear', [3, 97], [0, 100]);
    expect(linear.domain()).toEqual([0, 100]);
    expect(linear(50)).toBe(50);
    const log = axisScale('log', [0, 9, 99], [0, 100]);
    // log1p(9) / log1p(99) = ln 10 / ln 100 = 0.5.
    expect(log(9)).toBeCloseTo(50, 9);
    expect(log(0)).toBe(0);
  });

  test('log ticks: 0 and a 1-2-5 ladder, thinned to decades', () => {
    expect(logTicks(0, 60, 10)).toEqual([0, 1, 2, 5, 10, 20, 50]);
    expect(logTicks(0, 60, 4)).toEqual([0, 1, 10]);
    expect(logTicks(0, 100000, 4)).toEqual([0, 10, 1000, 100000]);
    expect(logTicks(-10, 10, 20)).toEqual([-10, -5, -2, -1, 0, 1, 2, 5, 10]);
  });
});

describe('canvas painter', () => {
  function fakeContext() {
    const calls: string[] = [];
    const context = {
      fillStyle: '',
      globalAlpha: 1,
      setTransform: (...a: number[]) => calls.push(`transform ${a.join(',')}`),
      clearRect: (...a: number[]) => calls.push(`clear ${a.join(',')}`),
      beginPath: () => {},
      arc: (x: number, y: number, r: number) => calls.push(`dot ${x},${y} r${r} ${context.fillStyle} a${context.globalAlpha}`),
      fill: () => {},
    };
    return { context: context as unknown as DotContext, calls };
  }

  test('dimmed dots first, highlighted last, each in its colour, at the pixel ratio', () => {
    const { context, calls } = fakeContext();
    const colors = new Map([
      ['clv-seg-champions', 'green'],
      ['clv-seg-lost', 'black'],
    ]);
    paintDots(
      context,
      [
        { px: 1, py: 1, colorClass: 'clv-seg-champions', dimmed: false },
        { px: 2, py: 2, colorClass: 'clv-seg-lost', dimmed: true },
        { px: 3, py: 3, colorClass: 'clv-seg-champions', dimmed: false },
      ],
      { width: 100, height: 50, ratio: 2, radius: 2, colors, dimmedOpacity: 0.5 },
    );
    // Dimmed alpha: 0.5 * 0.6 = 0.3; highlighted 0.8.
    expect(calls).toEqual(['transform 2,0,0,2,0,0', 'clear 0,0,100,50', 'dot 2,2 r2 black a0.3', 'dot 1,1 r2 green a0.8', 'dot 3,3 r2 green a0.8']);
  });
});
