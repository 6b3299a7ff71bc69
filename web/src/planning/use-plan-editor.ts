// Planner state: proposed cameras, selection, add mode, dragging (move or rotate), what the map
// draws of them, and the live local gain. Lives in App because the map needs its
// layers and pointer handlers while the Planning workspace shows its fields.
import type { PickingInfo } from '@deck.gl/core';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { MultiPolygonXY } from '../../../gis-data/footprint/types';
import { testHook } from '../map/test-hook';
import type { TileBox } from '../map/tile-features';
import type { TileFeatures } from '../map/blind-spot-tiles';
import { blindPiecesFromTile } from './blind-pieces';
import { NearbyBuildings } from './nearby-buildings';
import { blindGain, NO_GAIN, type BlindGain, type BlindPiece } from '../../../gis-data/coverage/blind-gain';
import type { Projector } from './projection';
import type { PlanDrawing } from './plan-drawing';
import {
  azimuthTowards,
  handlePosition,
  levelRequests,
  newProposedCamera,
  proposedFootprints,
  type ProposedCamera,
} from './proposed-camera';

const DISPLAY_LEVEL = 'observe';
// A stable empty: a new Map on every blind-spot tile would recompute the footprints.
const NO_FOOTPRINTS = new Map<string, Map<string, MultiPolygonXY>>();
type Drag = { kind: 'move' | 'rotate'; id: string } | null;

/** The zoom of a tile key ("x-y-z"); null when it has another shape. */
function tileZoom(tileKey: string): number | null {
  const z = Number(tileKey.split('-').at(-1));
  return Number.isInteger(z) ? z : null;
}

export interface PlanEditor {
  cameras: ProposedCamera[];
  selectedId: string | null;
  addMode: boolean;
  dragging: boolean;
  gain: BlindGain;
  /** What the map draws of the plan (deck.gl, map/plan-overlay.ts); null when not planning. */
  drawing: PlanDrawing | null;
  /** Bumped when a drag or edit ends: the server check runs then. */
  committedVersion: number;
  setAddMode(v: boolean): void;
  select(id: string | null): void;
  add(lngLat: [number, number]): void;
  update(id: string, patch: Partial<ProposedCamera>): void;
  remove(id: string): void;
  replaceAll(cams: ProposedCamera[]): void;
  /** A blind-spot tile the map loaded; its features are parsed only when the preview needs them. */
  onBlindTile(tileKey: string, features: () => TileFeatures, box: TileBox): void;
  onPointerDown(lngLat: [number, number], pick: PickingInfo | null): boolean;
  onPointerMove(lngLat: [number, number]): void;
  onPointerUp(): void;
}

export function usePlanEditor(proj: Projector | null, active: boolean): PlanEditor {
  const [cameras, setCameras] = useState<ProposedCamera[]>([]);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [addMode, setAddMode] = useState(false);
  const [drag, setDrag] = useState<Drag>(null);
  const [committedVersion, setCommitted] = useState(0);
  // Blind-spot tiles arrive in every workspace while the map pans; they are only kept here and
  // turned into planar pieces (proj4 per vertex) when the planner needs them, and only they
  // re-render the app while planning: panning elsewhere costs nothing here.
  const tiles = useRef(new Map<string, { features: () => TileFeatures; box: TileBox }>());
  const pieceCache = useRef({ proj: null as Projector | null, byTile: new Map<string, BlindPiece[]>() });
  const activeRef = useRef(active);
  activeRef.current = active;
  const [piecesVersion, setPiecesVersion] = useState(0);

  // Tiles of every zoom the map passed through stay here, and tiles of two zooms overlap: the
  // preview counts only the zoom of the latest tile (the map's), or a road piece counted twice
  // doubled the estimate against the engine (the tile key is "x-y-z").
  const zoomShown = useRef<number | null>(null);
  const onBlindTile = useCallback((tileKey: string, features: () => TileFeatures, box: TileBox) => {
    tiles.current.set(tileKey, { features, box });
    zoomShown.current = tileZoom(tileKey);
    testHook().blindSpotTiles = tiles.current.size;
    if (activeRef.current) setPiecesVersion((v) => v + 1);
  }, []);

  const allPieces = (): BlindPiece[] => {
    if (proj === null) return [];
    const cache = pieceCache.current;
    if (cache.proj !== proj) {
      cache.proj = proj;
      cache.byTile.clear();
    }
    const out: BlindPiece[] = [];
    for (const [key, t] of tiles.current) {
      if (zoomShown.current !== null && tileZoom(key) !== zoomShown.current) continue;
      let list = cache.byTile.get(key);
      if (list === undefined) {
        list = blindPiecesFromTile(key, t.features(), t.box, proj);
        cache.byTile.set(key, list);
      }
      out.push(...list);
    }
    return out;
  };

  // Buildings around the proposed cameras, loaded per cell as cameras arrive there.
  const [buildingsVersion, setBuildingsVersion] = useState(0);
  const buildings = useMemo(() => (proj === null ? null : new NearbyBuildings(proj, () => setBuildingsVersion((v) => v + 1))), [proj]);

  const footprints = useMemo(() => {
    if (proj === null || cameras.length === 0) return NO_FOOTPRINTS;
    const levelNames = new Set<string>([DISPLAY_LEVEL]);
    if (active) for (const p of allPieces()) levelNames.add(p.level);
    const req = levelRequests(levelNames);
    return new Map(cameras.map((c) => [c.id, proposedFootprints(c, proj, req, buildings?.near(c.lngLat) ?? [])]));
    // piecesVersion: new tiles can ask for new levels; buildingsVersion: buildings arrived.
  }, [active, cameras, proj, piecesVersion, buildings, buildingsVersion]); // eslint-disable-line react-hooks/exhaustive-deps

  const gain = useMemo(() => {
    if (!active || cameras.length === 0) return NO_GAIN;
    const byLevel = new Map<string, MultiPolygonXY[]>();
    for (const fps of footprints.values()) for (const [lv, mp] of fps) byLevel.set(lv, [...(byLevel.get(lv) ?? []), mp]);
    const all = allPieces();
    // Timed for the drag-smoothness figure (a drag frame must stay well under 16 ms).
    const t0 = performance.now();
    const g = blindGain(all, byLevel);
    const hook = testHook();
    hook.planGainMs = [...(hook.planGainMs ?? []).slice(-199), performance.now() - t0];
    return g;
  }, [active, cameras.length, footprints, piecesVersion]); // eslint-disable-line react-hooks/exhaustive-deps

  const drawing = useMemo((): PlanDrawing | null => {
    if (!active || proj === null) return null;
    const polys: PlanDrawing['polys'] = [];
    for (const [id, fps] of footprints) {
      for (const poly of fps.get(DISPLAY_LEVEL) ?? []) polys.push({ id, ring: poly[0]!.map((xy) => proj.toLngLat(xy)) });
    }
    const handles = cameras.map((c) => ({ id: c.id, from: c.lngLat, to: handlePosition(c, proj) }));
    return { polys, handles, cameras, selectedId };
  }, [active, proj, footprints, cameras, selectedId]);

  const update = useCallback((id: string, patch: Partial<ProposedCamera>) => {
    setCameras((cs) => cs.map((c) => (c.id === id ? { ...c, ...patch } : c)));
  }, []);

  return {
    cameras,
    selectedId,
    addMode,
    dragging: drag !== null,
    gain,
    drawing,
    committedVersion,
    setAddMode,
    select: setSelectedId,
    add(lngLat) {
      const cam = newProposedCamera(lngLat);
      setCameras((cs) => [...cs, cam]);
      setSelectedId(cam.id);
      setAddMode(false);
      setCommitted((v) => v + 1);
    },
    update(id, patch) {
      update(id, patch);
      setCommitted((v) => v + 1);
    },
    remove(id) {
      setCameras((cs) => cs.filter((c) => c.id !== id));
      setSelectedId(null);
      setCommitted((v) => v + 1);
    },
    replaceAll(cams) {
      setCameras(cams);
      setSelectedId(cams[0]?.id ?? null);
      setCommitted((v) => v + 1);
    },
    onBlindTile,
    onPointerDown(_lngLat, pick) {
      if (!active || pick === null || pick.layer === null) return false;
      const obj = pick.object as { id?: string } | undefined;
      if (obj?.id === undefined) return false;
      if (pick.layer.id === 'plan-cameras') {
        setSelectedId(obj.id);
        setDrag({ kind: 'move', id: obj.id });
        return true;
      }
      if (pick.layer.id === 'plan-handles') {
        setSelectedId(obj.id);
        setDrag({ kind: 'rotate', id: obj.id });
        return true;
      }
      return false;
    },
    onPointerMove(lngLat) {
      if (drag === null || proj === null) return;
      if (drag.kind === 'move') update(drag.id, { lngLat });
      else {
        const cam = cameras.find((c) => c.id === drag.id);
        if (cam) update(drag.id, { azimuthDeg: azimuthTowards(cam, lngLat, proj) });
      }
    },
    onPointerUp() {
      if (drag === null) return;
      setDrag(null);
      setCommitted((v) => v + 1);
    },
  };
}
