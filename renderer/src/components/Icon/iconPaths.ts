/** Stroke paths (24x24, tabler-like) for the few icons the app uses; no icon package needed. */
export const PATHS = {
  check: 'M5 12l5 5l10 -10',
  x: 'M18 6l-12 12M6 6l12 12',
  alert: 'M12 9v4M12 17h.01M10.2 3.9l-8 14a2 2 0 0 0 1.8 3h16a2 2 0 0 0 1.8 -3l-8 -14a2 2 0 0 0 -3.6 0z',
  clock: 'M12 7v5l3 3M3 12a9 9 0 1 0 18 0a9 9 0 1 0 -18 0',
  refresh: 'M20 11a8.1 8.1 0 0 0 -15.5 -2m-.5 -4v4h4M4 13a8.1 8.1 0 0 0 15.5 2m.5 4v-4h-4',
  key: 'M16.5 7.5a1 1 0 1 0 .01 0M3 21v-3l7.1 -7.1a6 6 0 1 1 3 3l-1.1 1.1h-2v2h-2v2h-2l-1 1z',
  lock: 'M5 13a2 2 0 0 1 2 -2h10a2 2 0 0 1 2 2v6a2 2 0 0 1 -2 2h-10a2 2 0 0 1 -2 -2zM8 11v-4a4 4 0 1 1 8 0v4',
  shield: 'M12 3a12 12 0 0 0 8.5 3a12 12 0 0 1 -8.5 15a12 12 0 0 1 -8.5 -15a12 12 0 0 0 8.5 -3M12 9v4M12 16h.01',
  plug: 'M9.8 9.8l-2.3 2.3a3 3 0 0 0 4.4 4.4l2.3 -2.3M14.2 14.2l2.3 -2.3a3 3 0 0 0 -4.4 -4.4l-2.3 2.3M4 20l3.5 -3.5M16.5 7.5l3.5 -3.5',
  plugOff: 'M9.8 9.8l-2.3 2.3a3 3 0 0 0 4.4 4.4l2.3 -2.3M14.2 14.2l2.3 -2.3a3 3 0 0 0 -4.4 -4.4l-2.3 2.3M4 20l3.5 -3.5M16.5 7.5l3.5 -3.5M3 3l18 18',
  pause: 'M6 5h4v14h-4zM14 5h4v14h-4z',
  swap: 'M7 10h14l-4 -4M17 14h-14l4 4',
  bell: 'M10 5a2 2 0 1 1 4 0a7 7 0 0 1 4 6v3a4 4 0 0 0 2 3h-16a4 4 0 0 0 2 -3v-3a7 7 0 0 1 4 -6M9 17v1a3 3 0 0 0 6 0v-1',
  server: 'M3 4h18v6h-18zM3 14h18v6h-18zM7 7h.01M7 17h.01',
  list: 'M9 6h11M9 12h11M9 18h11M5 6h.01M5 12h.01M5 18h.01',
  grid: 'M4 4h6v6h-6zM14 4h6v6h-6zM4 14h6v6h-6zM14 14h6v6h-6z',
  sun: 'M12 12m-4 0a4 4 0 1 0 8 0a4 4 0 1 0 -8 0M3 12h1m8 -9v1m8 8h1m-9 8v1M5.6 5.6l.7 .7m12.1 -.7l-.7 .7m0 11.4l.7 .7m-12.1 -.7l-.7 .7',
  moon: 'M12 3a6 6 0 0 0 9 9a9 9 0 1 1 -9 -9',
  download: 'M4 17v2a2 2 0 0 0 2 2h12a2 2 0 0 0 2 -2v-2M7 11l5 5l5 -5M12 4v12',
  question: 'M8 8a3.5 3 0 0 1 3.5 -3h1a3.5 3 0 0 1 3.5 3a3 3 0 0 1 -2 3a3 4 0 0 0 -2 4M12 19h.01',
} as const;

export type IconName = keyof typeof PATHS;
