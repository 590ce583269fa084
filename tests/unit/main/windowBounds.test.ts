import { describe, expect, it } from 'vitest';
import { displayKey, fitInto } from '../../../electron/main/windowBounds';

describe('fitting a remembered window into a display', () => {
  const area = { x: 0, y: 0, width: 1920, height: 1040 };
  it('keeps a window that fits where it was', () => {
    expect(fitInto({ x: 100, y: 50, width: 1000, height: 700 }, area)).toEqual({ x: 100, y: 50, width: 1000, height: 700 });
  });
  it('pulls a window that hangs off an edge back in, and shrinks one larger than the screen', () => {
    expect(fitInto({ x: 1500, y: -40, width: 1000, height: 700 }, area)).toEqual({ x: 920, y: 0, width: 1000, height: 700 });
    expect(fitInto({ x: -5000, y: 9000, width: 4000, height: 3000 }, area)).toEqual({ x: 0, y: 0, width: 1920, height: 1040 });
  });
  it('never opens smaller than the window allows', () => {
    expect(fitInto({ x: 10, y: 10, width: 100, height: 100 }, area)).toEqual({ x: 10, y: 10, width: 900, height: 600 });
  });
  it('knows a monitor by its geometry', () => {
    expect(displayKey({ bounds: { x: 1920, y: 0, width: 2560, height: 1440 }, workArea: area })).toBe('1920,0,2560x1440');
  });
});
