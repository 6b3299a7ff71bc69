// The request options a tile takes, shared by the tile renderer and the as-of blind-spot tiles
// (its own module so that neither imports the other).
export interface TileOptions {
  /** YYYY-MM-DD: cameras standing on that day (default today). */
  asOf?: string;
  /** Count only working cameras ("coverage now"). */
  now?: boolean;
  /** Detail level name (footprints and blind spots). */
  level?: string;
  /**
   * Cameras of every date, each with its install and removal date (at every zoom), for a client
   * that shows the cameras of a date by filtering itself (the web's time slider).
   */
  allDates?: boolean;
}
