/** The drag payload type for palette items dropped on the canvas. */
export const PALETTE_MIME = 'application/x-switchyard-node-type';
