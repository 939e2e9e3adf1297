/**
 * Where the viewport goes to show a journey: the whole of it when it fits at a readable
 * zoom (between the toolbar above and the minimap and controls below), else its top
 * (where the trigger is) at that zoom, centred across. Pure.
 */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const READABLE_ZOOM = 0.75;
export const MAX_ZOOM = 1;
/** Room kept free above the journey for the canvas toolbar. */
export const TOP_MARGIN = 64;
export const SIDE_MARGIN = 40;
/**
 * Room kept free below the journey for the minimap (bottom right, 110 px high) and the
 * zoom controls (bottom left), so that they cover no step of a journey that fits.
 */
export const BOTTOM_MARGIN = 140;

export function fitJourney(
  bounds: Rect,
  view: { width: number; height: number },
): { x: number; y: number; zoom: number } {
  const usableW = Math.max(1, view.width - 2 * SIDE_MARGIN);
  const usableH = Math.max(1, view.height - TOP_MARGIN - BOTTOM_MARGIN);
  const fit = Math.min(usableW / Math.max(1, bounds.width), usableH / Math.max(1, bounds.height));
  const zoom = Math.min(MAX_ZOOM, Math.max(READABLE_ZOOM, fit));
  const x = (view.width - bounds.width * zoom) / 2 - bounds.x * zoom;
  const fitsDown = bounds.height * zoom <= usableH;
  const y = fitsDown
    ? TOP_MARGIN + (usableH - bounds.height * zoom) / 2 - bounds.y * zoom
    : TOP_MARGIN - bounds.y * zoom;
  return { x, y, zoom };
}
