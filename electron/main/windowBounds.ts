/**
 * Where the window opens: the size and position it last had on the monitor it was on, kept per
 * monitor (a laptop docked and undocked keeps both places). window-state.json in the data dir; it
 * is input from disk, so it is parsed with zod, looked up in a Map, and a rectangle that would open
 * off-screen is pulled back into the display's work area.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Logger } from '../core/platform';
import type { DisplayLike, Rect, ScreenLike } from './electronApi';


const RectSchema = z.object({ x: z.number().int(), y: z.number().int(), width: z.number().int().min(100), height: z.number().int().min(100) });
const PlacementSchema = RectSchema.extend({ maximized: z.boolean().default(false) });
const StateSchema = z.object({ last: z.string().nullable().default(null), displays: z.array(z.tuple([z.string(), PlacementSchema])).max(32).default([]) });
export type Placement = z.infer<typeof PlacementSchema>;

export const WINDOW_STATE_FILE = 'window-state.json';
const MIN = { width: 900, height: 600 };

/** A monitor is known by its geometry: stable for one layout, unlike ids on some platforms. */
export const displayKey = (d: DisplayLike): string => `${d.bounds.x},${d.bounds.y},${d.bounds.width}x${d.bounds.height}`;

/** The rectangle moved and shrunk until it lies inside the work area. */
export function fitInto(r: Rect, area: Rect): Rect {
  const width = Math.min(Math.max(r.width, MIN.width), area.width);
  const height = Math.min(Math.max(r.height, MIN.height), area.height);
  const x = Math.min(Math.max(r.x, area.x), area.x + area.width - width);
  const y = Math.min(Math.max(r.y, area.y), area.y + area.height - height);
  return { x, y, width, height };
}

export class WindowPlacements {
  private readonly byDisplay = new Map<string, Placement>();
  private last: string | null = null;

  constructor(private readonly file: string, private readonly logger: Logger) {
    try {
      const parsed = StateSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      if (!parsed.success) {
        logger.warn('window-state.json ignored: not a window state', { issues: parsed.error.issues.length });
        return;
      }
      for (const [key, placement] of parsed.data.displays) this.byDisplay.set(key, placement);
      this.last = parsed.data.last;
    } catch {
      /* no file yet, or unreadable: the window opens at the default place */
    }
  }

  static in(dataDir: string, logger: Logger): WindowPlacements {
    return new WindowPlacements(join(dataDir, WINDOW_STATE_FILE), logger);
  }

  /** Where to open: the last monitor if it is still connected, else the primary one. */
  initial(screen: ScreenLike): Placement | null {
    const displays = screen.getAllDisplays();
    const display = displays.find((d) => displayKey(d) === this.last) ?? screen.getPrimaryDisplay();
    const saved = this.byDisplay.get(displayKey(display));
    return saved ? { ...fitInto(saved, display.workArea), maximized: saved.maximized } : null;
  }

  remember(screen: ScreenLike, bounds: Rect, maximized: boolean): void {
    const key = displayKey(screen.getDisplayMatching(bounds));
    this.byDisplay.delete(key); // re-inserted last: the newest placements survive the cap
    this.byDisplay.set(key, { ...bounds, maximized });
    this.last = key;
    this.save();
  }

  private save(): void {
    const displays = [...this.byDisplay].slice(-32);
    try {
      writeFileSync(`${this.file}.tmp`, JSON.stringify({ last: this.last, displays }));
      renameSync(`${this.file}.tmp`, this.file);
    } catch (err) {
      this.logger.warn('could not save the window position', { err });
    }
  }
}
